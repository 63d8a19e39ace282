package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.codec.ServerDecoder;
import dev.pillarbox.smtp.codec.ServerInbound;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The client's bytes on their way to the decoder: one small read buffer for commands, a larger one for bodies (kept
 * for the connection's next messages), and the decoder that consumes them. When the decoder returns null it has
 * consumed the buffer and keeps any partial line itself, so a read always starts with an empty buffer.
 */
final class ConnectionInput {

    // buffer sizes chosen by measurement (docs/performance.md): a small buffer for commands keeps an idle
    // connection at a few KiB, and a body gets a larger one, kept for the connection's next messages
    private static final int COMMAND_BUFFER = 1024;
    private static final int BODY_BUFFER = 16 * 1024;

    private final Transport transport;
    private final ServerDecoder decoder;
    private final long idleNanos;
    private long commandDeadline; // System.nanoTime() by which the pending command line must be complete
    private final ByteBuffer commandBuffer = ByteBuffer.allocate(COMMAND_BUFFER).limit(0);
    private ByteBuffer bodyBuffer;
    private ByteBuffer buffer = commandBuffer;

    ConnectionInput(Transport transport, ServerDecoder decoder, Duration idleTimeout) {
        this.transport = transport;
        this.decoder = decoder;
        this.idleNanos = idleTimeout.toNanos();
    }

    /** The decoder these bytes go to; its mode is switched by the body receiver and the AUTH exchange. */
    ServerDecoder decoder() {
        return decoder;
    }

    /** The next protocol unit of what was read, or null when the buffer is used up. */
    ServerInbound next() {
        return decoder.decode(buffer);
    }

    /**
     * One read into the body buffer while {@code body} receives, else into the command buffer; the number of octets,
     * or -1 at the end of the stream. Its deadline (enforced by {@link ReadDeadlines}): waiting for a command, the
     * idle timeout bounds the whole command line, not each read (RFC 5321 4.5.3.2.7), so a client that trickles a line
     * a byte at a time (slow-loris) is cut off like an idle one; a body has its own deadline ({@link BodyReceiver}).
     */
    int read(BodyReceiver body) throws IOException {
        long now = System.nanoTime();
        if (!decoder.hasPartialInput()) {
            commandDeadline = now + idleNanos; // a new command line starts
        }
        int n = read(body.receiving(), body.readDeadline(now, commandDeadline));
        if (n > 0 && body.receiving()) {
            body.read(n);
        }
        return n;
    }

    private int read(boolean body, long deadline) throws IOException {
        if (buffer.hasRemaining()) {
            // ServerDecoder returns null only once it has consumed the buffer (it keeps partial lines itself)
            throw new IllegalStateException("decoder left " + buffer.remaining() + " bytes unread");
        }
        buffer = body ? bodyBuffer() : commandBuffer;
        buffer.clear();
        int n = transport.read(buffer.array(), 0, buffer.capacity(), deadline);
        buffer.limit(Math.max(n, 0));
        return n;
    }

    /**
     * Bytes before the greeting, waiting up to {@code pause} for them (or only looking at what already arrived when
     * the pause is zero): a client that does not wait for 220 is a bot (Postfix's pregreet test). What was read is
     * kept: under LOG_ONLY it is read as commands.
     */
    boolean earlyBytes(Duration pause, long deadline) throws IOException {
        if (pause.isZero()) {
            return transport.available() > 0;
        }
        try {
            int n = transport.readWaiting(buffer.array(), 0, buffer.capacity(), pause, deadline);
            if (n < 0) {
                throw new IOException("client closed before the greeting");
            }
            buffer.position(0).limit(n);
            return true;
        } catch (Transport.DeadlineExpired e) {
            throw e;
        } catch (SocketTimeoutException e) {
            return false; // quiet during the pause, as a real client is
        }
    }

    /** Input sent before the client could have seen our last reply: buffered, a partial line, or on the socket. */
    boolean waiting() throws IOException {
        return buffer.hasRemaining() || decoder.hasPartialInput() || transport.available() > 0;
    }

    /** True while the decoder holds part of a line. */
    boolean partialLine() {
        return decoder.hasPartialInput();
    }

    /** RFC 3207 6: forgets every byte the client sent after STARTTLS. */
    void discard() {
        decoder.discardBuffered();
        buffer.clear().limit(0);
    }

    private ByteBuffer bodyBuffer() {
        if (bodyBuffer == null) {
            bodyBuffer = ByteBuffer.allocate(BODY_BUFFER);
        }
        return bodyBuffer;
    }
}
