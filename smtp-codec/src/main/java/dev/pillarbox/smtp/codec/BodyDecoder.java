package dev.pillarbox.smtp.codec;

import dev.pillarbox.smtp.codec.ServerDecoder.Mode;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * {@link ServerDecoder}'s DATA and BDAT modes. DATA: the body with dot-stuffing removed (RFC 5321 4.5.2) by the
 * {@link DotUnstuffer}, ending at exactly CRLF.CRLF (4.1.1.4), handed out as read-only slices of the caller's buffer
 * wherever no byte changes; the first violation (bare CR or LF, a text line too long, the message size) is reported
 * once and the rest of the body is drained. BDAT: exactly N octets untouched (RFC 3030). Counts the octets of the
 * current body or chunk.
 */
final class BodyDecoder {

    private static final ByteBuffer CR_BYTE = ByteBuffer.wrap(new byte[] {'\r'}).asReadOnlyBuffer();

    private final CodecLimits limits;
    private final DotUnstuffer unstuffer;
    /** Units decided but not yet returned, e.g. the error after the body chunk that preceded it. */
    private final ArrayDeque<ServerInbound> ready = new ArrayDeque<>(4);

    private boolean draining;
    private long messageBytes;
    private long bdatOctets;
    private long bdatRemaining;

    BodyDecoder(CodecLimits limits) {
        this.limits = limits;
        long maxLineContent = limits.longLines() == LongLinePolicy.REJECT ? limits.textLine() - 2 : Long.MAX_VALUE;
        this.unstuffer = new DotUnstuffer(limits.lineEndings() == LineEndingPolicy.LENIENT_BODY, maxLineContent);
    }

    /** Starts a DATA body. */
    void startData() {
        unstuffer.reset();
        draining = false;
        messageBytes = 0;
    }

    /** Starts a BDAT chunk of {@code octets} octets. */
    void startChunk(long octets) {
        bdatOctets = octets;
        bdatRemaining = octets;
        messageBytes = 0;
    }

    /** True while a decided unit waits to be returned by {@link #next()}. */
    boolean hasPending() {
        return !ready.isEmpty();
    }

    /** The next decided unit; after {@link EndOfBody} the body state is reset. */
    ServerInbound next() {
        ServerInbound unit = ready.poll();
        if (unit instanceof EndOfBody) {
            draining = false;
            unstuffer.reset();
        }
        return unit;
    }

    /** Octets of the current (or last) DATA body or BDAT chunk delivered so far, after dot-unstuffing. */
    long messageBytes() {
        return messageBytes;
    }

    /** Drops every pending unit and the body state (after STARTTLS, RFC 3207 section 6). */
    void reset() {
        ready.clear();
        draining = false;
        unstuffer.reset();
        bdatRemaining = 0;
    }

    // ---------------------------------------------------------------------------------------------- DATA

    /**
     * The next unit of a DATA body from {@code in}: a {@link BodyChunk} (a read-only slice of {@code in}, or the CR
     * carried over from the previous buffer), the first violation, or {@link EndOfBody}; null when {@code in} is
     * used up.
     */
    ServerInbound decodeData(ByteBuffer in) {
        while (true) {
            int from = in.position();
            DotUnstuffer.Stop stop = unstuffer.scan(in, from, in.limit());
            int runEnd = unstuffer.runEnd();
            in.position(unstuffer.resume());
            if (runEnd > from) {
                body(in.slice(from, runEnd - from).asReadOnlyBuffer());
            }
            switch (stop) {
                case CARRIED_CR:
                    body(CR_BYTE.duplicate());
                    break;
                case BARE_CR:
                case BARE_LF:
                    fail(new BareLineEnding(Mode.DATA));
                    break;
                case LINE_TOO_LONG:
                    fail(new LineTooLong(Mode.DATA, limits.textLine()));
                    break;
                case END:
                    ready.add(new EndOfBody(messageBytes));
                    break;
                default:
                    break;
            }
            if (!ready.isEmpty()) {
                return next();
            }
            if (stop == DotUnstuffer.Stop.NEED_INPUT) {
                return null;
            }
        }
    }

    /** Queues body data unless the body is being drained; enforces the message size limit. */
    private void body(ByteBuffer data) {
        if (draining) {
            return;
        }
        long room = limits.maxMessageSize() - messageBytes;
        int n = data.remaining();
        if (n > room) {
            if (room > 0) {
                data.limit((int) room);
                ready.add(new BodyChunk(data));
                messageBytes += room;
            }
            fail(new MessageTooLarge(limits.maxMessageSize()));
            return;
        }
        ready.add(new BodyChunk(data));
        messageBytes += n;
    }

    /** Reports the first violation of a body; later ones are drained silently up to CRLF.CRLF. */
    private void fail(ServerInbound error) {
        if (!draining) {
            draining = true;
            ready.add(error);
        }
    }

    // ---------------------------------------------------------------------------------------------- BDAT

    /** The next {@link BodyChunk} of a BDAT chunk from {@code in}, {@link EndOfChunk} after its last octet. */
    ServerInbound decodeBdat(ByteBuffer in) {
        if (bdatRemaining == 0) {
            return new EndOfChunk(bdatOctets);
        }
        int n = (int) Math.min(bdatRemaining, in.remaining());
        if (n == 0) {
            return null;
        }
        int from = in.position();
        ByteBuffer chunk = in.slice(from, n).asReadOnlyBuffer();
        in.position(from + n);
        bdatRemaining -= n;
        messageBytes += n;
        return new BodyChunk(chunk);
    }
}
