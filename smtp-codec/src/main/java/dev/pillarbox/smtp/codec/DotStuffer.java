package dev.pillarbox.smtp.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Client-side transparency for a DATA body (RFC 5321 4.5.2): doubles a dot at the start of each line, keeps
 * state across chunks, and ends the body with CRLF.CRLF. Usable alone or through {@link CommandEncoder}.
 *
 * <p>A line starts at the start of the body and after each CRLF. With {@code normaliseLineEndings}, every bare
 * CR and bare LF is sent as CRLF (RFC 5321 2.3.8 forbids them on the wire); without it the body's bytes pass
 * unchanged apart from the stuffed dots, so a strict server may refuse bare line endings.
 */
public final class DotStuffer {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final boolean normaliseLineEndings;
    private boolean lineStart = true;
    private boolean lastWasCr;
    private boolean empty = true;

    /** A stuffer that leaves line endings as they are. */
    public DotStuffer() {
        this(false);
    }

    /** A stuffer that optionally normalises bare CR and bare LF to CRLF. */
    public DotStuffer(boolean normaliseLineEndings) {
        this.normaliseLineEndings = normaliseLineEndings;
    }

    /** Stuffs the remaining bytes of {@code chunk} (consuming them) and returns the bytes to send. */
    public byte[] stuff(ByteBuffer chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.remaining() + 16);
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            if (normaliseLineEndings) {
                if (b == LF && lastWasCr) {
                    lastWasCr = false; // the CRLF was already written at the CR
                    continue;
                }
                if (b == CR || b == LF) {
                    out.write(CR);
                    out.write(LF);
                    lastWasCr = b == CR;
                    lineStart = true;
                    empty = false;
                    continue;
                }
                lastWasCr = false;
            } else if (b == LF && lastWasCr) {
                out.write(LF);
                lastWasCr = false;
                lineStart = true;
                continue;
            } else {
                lastWasCr = b == CR;
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            lineStart = false;
            empty = false;
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Stuffs all of {@code body} and returns the bytes to send, terminator included. */
    public static byte[] stuffWhole(byte[] body, boolean normaliseLineEndings) {
        DotStuffer stuffer = new DotStuffer(normaliseLineEndings);
        byte[] stuffed = stuffer.stuff(ByteBuffer.wrap(body));
        byte[] end = stuffer.finish();
        byte[] all = java.util.Arrays.copyOf(stuffed, stuffed.length + end.length);
        System.arraycopy(end, 0, all, stuffed.length, end.length);
        return all;
    }

    /**
     * The end-of-data indication: {@code .CRLF}, preceded by a CRLF when the body did not end with one
     * (RFC 5321 4.1.1.4: the body ends with CRLF). Resets the stuffer for the next body.
     */
    public byte[] finish() {
        byte[] end = empty || lineStart ? new byte[] {'.', CR, LF} : new byte[] {CR, LF, '.', CR, LF};
        reset();
        return end;
    }

    /** Forgets the current body (e.g. after RSET). */
    public void reset() {
        lineStart = true;
        lastWasCr = false;
        empty = true;
    }
}
