package dev.pillarbox.smtp.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Client-side transparency for a DATA body (RFC 5321 4.5.2): doubles a dot at the start of each line, keeps
 * state across chunks, and ends the body with CRLF.CRLF. Usable alone or through {@link CommandEncoder}.
 *
 * <p>A line starts at the start of the body and after each CRLF. With {@code normaliseLineEndings}, every bare
 * CR and bare LF is sent as CRLF (RFC 5321 2.3.8 forbids them on the wire); without it the body's bytes pass
 * unchanged apart from the stuffed dots, so a strict server may refuse bare line endings.
 *
 * <p>Two ways to use it: {@link #stuff(ByteBuffer)} and {@link #finish()} return new arrays; {@link #stuff(ByteBuffer,
 * ByteBuffer)} and {@link #finish(ByteBuffer)} write into the caller's buffer and never allocate, so a body of any
 * size streams through two fixed buffers. The stuffed form is at most twice as long as the input.
 */
public final class DotStuffer {

    /** The longest end-of-data indication {@link #finish(ByteBuffer)} writes: CRLF "." CRLF. */
    public static final int MAX_TERMINATOR = 5;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] TERMINATOR = {'.', CR, LF};
    private static final byte[] CRLF_TERMINATOR = {CR, LF, '.', CR, LF};

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
        ByteBuffer out = ByteBuffer.allocate(2 * chunk.remaining() + 2);
        stuff(chunk, out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /**
     * Stuffs bytes of {@code in} into {@code out} until {@code in} is used up or {@code out} has fewer than two
     * octets of room (one input byte can become two: a stuffed dot, or CRLF for a bare line ending). Consumes
     * exactly the input it wrote; call again with more room for the rest. Allocates nothing.
     *
     * <p>Runs of ordinary bytes are copied in bulk: only CR, LF and a dot at the start of a line are looked at
     * one by one.
     */
    public void stuff(ByteBuffer in, ByteBuffer out) {
        int limit = in.limit();
        while (in.hasRemaining() && out.remaining() >= 2) {
            int p = in.position();
            byte b = in.get(p);
            if (b == CR || b == LF) {
                in.position(p + 1);
                empty = false;
                lineEnding(b, out);
                continue;
            }
            if (lineStart && b == '.') {
                out.put((byte) '.');
            }
            lineStart = false;
            lastWasCr = false;
            empty = false;
            int end = Swar.indexOfCrOrLf(in, p + 1, limit);
            int n = Math.min(end - p, out.remaining());
            out.put(out.position(), in, p, n);
            out.position(out.position() + n);
            in.position(p + n);
        }
    }

    private void lineEnding(byte b, ByteBuffer out) {
        if (normaliseLineEndings) {
            if (b == LF && lastWasCr) {
                lastWasCr = false; // the CRLF was already written at the CR
                return;
            }
            out.put(CR).put(LF);
            lastWasCr = b == CR;
            lineStart = true;
            return;
        }
        out.put(b);
        if (b == LF && lastWasCr) {
            lineStart = true;
            lastWasCr = false;
        } else {
            lastWasCr = b == CR;
            lineStart = false;
        }
    }

    /** Stuffs all of {@code body} and returns the bytes to send, terminator included. */
    public static byte[] stuffWhole(byte[] body, boolean normaliseLineEndings) {
        DotStuffer stuffer = new DotStuffer(normaliseLineEndings);
        ByteBuffer out = ByteBuffer.allocate(2 * body.length + MAX_TERMINATOR);
        stuffer.stuff(ByteBuffer.wrap(body), out);
        stuffer.finish(out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /**
     * The end-of-data indication: {@code .CRLF}, preceded by a CRLF when the body did not end with one
     * (RFC 5321 4.1.1.4: the body ends with CRLF). Resets the stuffer for the next body.
     */
    public byte[] finish() {
        byte[] end = terminator().clone();
        reset();
        return end;
    }

    /**
     * Writes the end-of-data indication (as {@link #finish()}) into {@code out} and resets the stuffer.
     *
     * @throws java.nio.BufferOverflowException if {@code out} has less room than the terminator needs (at most
     *     {@link #MAX_TERMINATOR}); the stuffer is then unchanged
     */
    public void finish(ByteBuffer out) {
        out.put(terminator());
        reset();
    }

    private byte[] terminator() {
        return empty || lineStart ? TERMINATOR : CRLF_TERMINATOR;
    }

    /** Forgets the current body (e.g. after RSET). */
    public void reset() {
        lineStart = true;
        lastWasCr = false;
        empty = true;
    }
}
