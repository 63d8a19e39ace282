package dev.pillarbox.smtp.client.load;

import dev.pillarbox.smtp.client.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The message a load run sends: a few header lines, then a payload of the chosen size in lines of X's. */
final class LoadMessage {

    private LoadMessage() {
    }

    /** The content: From, To, Subject and Message-ID, an empty line, then exactly {@code payload} octets. */
    static byte[] content(String from, String to, int payload) {
        byte[] header = ("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: Pillarbox load test\r\n"
                + "Message-ID: <load-test@pillarbox.invalid>\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(header, header.length + payload);
        int at = header.length;
        int remaining = payload;
        while (remaining > 0) {
            int n = remaining >= 2 ? Math.min(78, remaining - 2) : remaining;
            Arrays.fill(content, at, at + n, (byte) 'X');
            at += n;
            remaining -= n;
            if (remaining >= 2) {
                content[at++] = '\r';
                content[at++] = '\n';
                remaining -= 2;
            }
        }
        return content;
    }

    /** The envelope: one sender, {@code count} recipients (numbered when more than one). */
    static Envelope envelope(String from, String to, int count) {
        Envelope.Builder b = Envelope.builder().from(from);
        if (count == 1) {
            return b.to(to).build();
        }
        for (int i = 1; i <= count; i++) {
            b.to(i + "-" + to);
        }
        return b.build();
    }
}
