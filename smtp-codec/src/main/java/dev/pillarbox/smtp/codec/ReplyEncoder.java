package dev.pillarbox.smtp.codec;

import dev.pillarbox.smtp.core.Reply;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@link Reply} in its wire form (RFC 5321 4.2): {@code 250-} on every line but the last,
 * {@code 250 } on the last, the enhanced status code after the code on every line when present (RFC 2034
 * section 3), CRLF after each line. A line longer than 512 octets including CRLF (4.5.3.1.5) is wrapped into
 * several lines, at a space where possible and never inside a UTF-8 sequence.
 */
public final class ReplyEncoder {

    /** RFC 5321 4.5.3.1.5: a reply line is at most 512 octets including CRLF. */
    public static final int MAX_LINE = 512;

    private ReplyEncoder() {
    }

    /** The wire form of {@code reply}. */
    public static byte[] encode(Reply reply) {
        List<byte[]> lines = wireLines(reply);
        int size = 0;
        for (byte[] line : lines) {
            size += line.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] line : lines) {
            System.arraycopy(line, 0, out, at, line.length);
            at += line.length;
        }
        return out;
    }

    /**
     * Writes the wire form of {@code reply} to {@code out}.
     *
     * @throws BufferOverflowException if {@code out} has less room than {@link #encodedLength(Reply)}; nothing
     *     is written then
     */
    public static void encode(Reply reply, ByteBuffer out) {
        byte[] bytes = encode(reply);
        if (out.remaining() < bytes.length) {
            throw new BufferOverflowException();
        }
        out.put(bytes);
    }

    /** The number of octets {@link #encode(Reply)} produces. */
    public static int encodedLength(Reply reply) {
        int size = 0;
        for (byte[] line : wireLines(reply)) {
            size += line.length;
        }
        return size;
    }

    private static List<byte[]> wireLines(Reply reply) {
        String code = reply.code().toString();
        String enhanced = reply.enhancedCode().map(e -> e + " ").orElse("");
        byte[] prefix = (code + enhanced).getBytes(StandardCharsets.US_ASCII); // code; separator inserted later
        int maxText = MAX_LINE - 2 - prefix.length - 1;
        List<byte[]> texts = new ArrayList<>();
        for (String line : reply.lines()) {
            wrap(line.getBytes(StandardCharsets.UTF_8), maxText, texts);
        }
        List<byte[]> lines = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            byte[] text = texts.get(i);
            byte[] line = new byte[prefix.length + 1 + text.length + 2];
            System.arraycopy(prefix, 0, line, 0, 3);
            line[3] = (byte) (i == texts.size() - 1 ? ' ' : '-');
            System.arraycopy(prefix, 3, line, 4, prefix.length - 3);
            System.arraycopy(text, 0, line, prefix.length + 1, text.length);
            line[line.length - 2] = '\r';
            line[line.length - 1] = '\n';
            lines.add(line);
        }
        return lines;
    }

    /** Splits {@code text} into pieces of at most {@code max} octets, preferring to break at a space. */
    private static void wrap(byte[] text, int max, List<byte[]> out) {
        int start = 0;
        while (text.length - start > max) {
            int cut = -1;
            for (int i = start + max; i > start; i--) {
                if (text[i] == ' ') {
                    cut = i;
                    break;
                }
            }
            int next;
            if (cut > start) {
                next = cut + 1; // the space becomes the line break
            } else {
                cut = start + max;
                while (cut > start + 1 && (text[cut] & 0xC0) == 0x80) {
                    cut--; // never split a UTF-8 sequence
                }
                next = cut;
            }
            out.add(java.util.Arrays.copyOfRange(text, start, cut));
            start = next;
        }
        out.add(java.util.Arrays.copyOfRange(text, start, text.length));
    }
}
