package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.codec.BareLineEnding;
import dev.pillarbox.smtp.codec.BodyChunk;
import dev.pillarbox.smtp.codec.EndOfBody;
import dev.pillarbox.smtp.codec.EndOfChunk;
import dev.pillarbox.smtp.codec.LineTooLong;
import dev.pillarbox.smtp.codec.MessageTooLarge;
import dev.pillarbox.smtp.codec.ServerDecoder;
import dev.pillarbox.smtp.codec.ServerInbound;
import dev.pillarbox.smtp.plugins.api.BodyCompletion;
import dev.pillarbox.smtp.plugins.api.BodyResult;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * Reads a DATA body or a BDAT chunk into its {@link MessageTransaction}: switches the decoder into body mode, streams
 * the body units into the message, records the first violation (the rest is drained), enforces the body's deadline
 * (the minimum data rate) and the oversize drain, and hands back the completion with what was read.
 */
final class BodyReceiver {

    /** A body or chunk was read completely: {@code completion} decides what follows, given {@code result}. */
    record Finished(BodyCompletion completion, MessageTransaction message, BodyResult result) {
    }

    private final ServerDecoder decoder;
    private final long idleNanos;
    private final long minDataRate; // octets per second, 0 = off
    private final long maxMessageSize;
    private final OversizeDrain drain;

    private BodyCompletion completion; // non-null while a body or chunk is being read
    private MessageTransaction message;
    private boolean timed; // a body deadline runs: the minimum data rate is on and a body was started
    private long deadline; // System.nanoTime() by which the body must have advanced

    BodyReceiver(ServerDecoder decoder, ServerSettings settings) {
        this.decoder = decoder;
        this.idleNanos = settings.idleTimeout().toNanos();
        this.minDataRate = settings.minDataRate();
        this.maxMessageSize = settings.codecLimits().maxMessageSize();
        this.drain = new OversizeDrain(maxMessageSize, settings.oversizeDrain());
    }

    /** After the 354: read a DATA body into {@code into}, then complete. */
    void startData(MessageTransaction into, BodyCompletion then) {
        decoder.enterDataMode();
        drain.dataStarted();
        start(into, then);
        startDeadline();
    }

    /** Read a BDAT chunk of {@code octets} into {@code into}, then complete; the message's chunks share a deadline. */
    void startChunk(MessageTransaction into, long octets, BodyCompletion then) {
        decoder.enterBdatMode(octets);
        start(into, then);
        if (!timed) {
            startDeadline(); // the first chunk of the message
        }
    }

    private void start(MessageTransaction into, BodyCompletion then) {
        message = into;
        completion = then;
    }

    /** True while a body or chunk is being read. */
    boolean receiving() {
        return completion != null;
    }

    /** One unit of the body; the finished body or chunk at its end, else null. */
    Finished accept(ServerInbound unit) {
        if (unit instanceof BodyChunk chunk) {
            ByteBuffer data = chunk.data();
            message.count(data.remaining());
            if (timed) {
                advanceDeadline(data.remaining());
            }
            if (decoder.mode() == ServerDecoder.Mode.BDAT && message.octets() > maxMessageSize) {
                message.violation(BodyResult.Violation.TOO_LARGE); // the sum of the chunks (DATA: the codec's unit)
            }
            message.store(data);
        } else if (unit instanceof EndOfBody end) {
            return finish(end.size());
        } else if (unit instanceof EndOfChunk end) {
            return finish(end.octets());
        } else if (unit instanceof MessageTooLarge) {
            message.violation(BodyResult.Violation.TOO_LARGE);
        } else if (unit instanceof BareLineEnding) {
            message.violation(BodyResult.Violation.BARE_LINE_ENDING);
        } else if (unit instanceof LineTooLong) {
            message.violation(BodyResult.Violation.LINE_TOO_LONG);
        } else {
            throw new IllegalStateException("unexpected " + unit + " in " + decoder.mode() + " mode");
        }
        return null;
    }

    private Finished finish(long octets) {
        Finished finished = new Finished(completion, message, message.result(octets));
        completion = null;
        message = null;
        return finished;
    }

    /** {@code octets} were read from the network for the body. */
    void read(int octets) {
        drain.read(decoder.mode(), octets);
    }

    /** True when the body is so far over the size limit that the server stops reading it: 552, then close. */
    boolean drainExhausted() {
        return receiving() && drain.exhausted(decoder.mode(), message);
    }

    /** The body's deadline ends with its message, or with a command that carries no chunk of it. */
    void endDeadline() {
        timed = false;
    }

    /** True while a body deadline runs (for the closing line when it passes). */
    boolean timed() {
        return timed;
    }

    /**
     * The deadline of the next read, which starts at {@code now}: while a body is read, its own deadline (with the
     * minimum data rate off, each body read gets the idle timeout); between the chunks of a BDAT message the earlier
     * of the body's and the command line's.
     *
     * @throws SocketTimeoutException if that deadline already passed
     */
    long readDeadline(long now, long commandDeadline) throws SocketTimeoutException {
        if (receiving()) {
            if (!timed) {
                return now + idleNanos;
            }
            if (deadline - now <= 0) {
                throw new SocketTimeoutException("body slower than the minimum data rate");
            }
            return deadline;
        }
        long next = timed && deadline - commandDeadline < 0 ? deadline : commandDeadline;
        if (next - now <= 0) {
            throw new SocketTimeoutException("command line not complete within the idle timeout");
        }
        return next;
    }

    /**
     * The body's read deadline: the idle timeout from now, then extended by the body data that arrives, like
     * Postfix's smtpd_min_data_rate with per-request deadlines. Off when the minimum data rate is 0.
     */
    private void startDeadline() {
        timed = minDataRate > 0;
        deadline = System.nanoTime() + idleNanos;
    }

    /**
     * {@code octets} of body arrived: the deadline moves on by octets / minimum data rate, but never past the idle
     * timeout from now (Postfix's rule), so a fast start does not buy a long silence later.
     */
    private void advanceDeadline(int octets) {
        long latest = System.nanoTime() + idleNanos;
        deadline += octets * 1_000_000_000L / minDataRate;
        if (deadline - latest > 0) {
            deadline = latest;
        }
    }
}
