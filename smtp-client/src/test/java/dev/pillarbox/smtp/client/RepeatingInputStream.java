package dev.pillarbox.smtp.client;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** {@code length} octets of a text repeated over and over, generated as they are read: big messages in no memory. */
final class RepeatingInputStream extends InputStream {

    private final byte[] pattern;
    private final long length;
    private long position;

    RepeatingInputStream(String pattern, long length) {
        this.pattern = pattern.getBytes(StandardCharsets.US_ASCII);
        this.length = length;
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        return pattern[(int) (position++ % pattern.length)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        int p = (int) (position % pattern.length);
        for (int i = 0; i < n; i++) {
            b[off + i] = pattern[p];
            if (++p == pattern.length) {
                p = 0;
            }
        }
        position += n;
        return n;
    }
}
