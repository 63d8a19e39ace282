package dev.pillarbox.smtp.milter;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The byte pipe to one filter: a blocking channel, an output buffer that gathers packets until a reply is awaited
 * (events the filter will not answer go out with the next one, as Postfix's stream buffer does), and the packet
 * decoder. Time is bounded by {@link DeadlineTimer.Deadline}s that close the channel. Not thread-safe.
 */
final class MilterConnection implements AutoCloseable {

    /** Queued output beyond this is written at once, without waiting for an event that needs a reply. */
    private static final int FLUSH_THRESHOLD = 64 * 1024;

    private final SocketChannel channel;
    private final DeadlineTimer timer;
    private final MilterPacketDecoder decoder;
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024).flip();
    private ByteBuffer out = ByteBuffer.allocate(8 * 1024);

    private MilterConnection(SocketChannel channel, DeadlineTimer timer, int maxPacketLength) {
        this.channel = channel;
        this.timer = timer;
        this.decoder = new MilterPacketDecoder(maxPacketLength);
    }

    /**
     * Connects to {@code socket} within {@code timeout}.
     *
     * @throws IOException with a message that says what failed, "timed out" included
     */
    static MilterConnection open(MilterSocket socket, Duration timeout, DeadlineTimer timer, int maxPacketLength)
            throws IOException {
        ConnectAttempt attempt = new ConnectAttempt();
        try (DeadlineTimer.Deadline d = timer.start(attempt, timeout)) {
            try {
                SocketChannel channel = socket.connect(attempt);
                return new MilterConnection(channel, timer, maxPacketLength);
            } catch (IOException e) {
                if (d.expired()) {
                    throw new IOException("connect timed out after " + MilterSession.format(timeout));
                }
                throw new IOException("connect failed: " + describe(e), e);
            }
        }
    }

    /** Starts a deadline that closes this connection. */
    DeadlineTimer.Deadline deadline(Duration timeout) {
        return timer.start(channel, timeout);
    }

    /** Appends a packet to the output buffer. */
    void queue(MilterPacket packet) {
        queue(packet.command(), packet.data(), packet.data().length);
    }

    /** Appends a packet of {@code command} and the first {@code length} octets of {@code data} (copied now). */
    void queue(byte command, byte[] data, int length) {
        int wireLength = MilterPacket.HEADER_LENGTH + length;
        if (out.remaining() < wireLength) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + wireLength));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
        out.putInt(1 + length).put(command).put(data, 0, length);
    }

    /** True when the output buffer holds more than should wait for the next reply. */
    boolean shouldFlush() {
        return out.position() >= FLUSH_THRESHOLD;
    }

    /** True when packets wait in the output buffer. */
    boolean hasQueued() {
        return out.position() > 0;
    }

    /** Writes the output buffer; the caller holds a deadline. */
    void flush() throws IOException {
        out.flip();
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } finally {
            out.clear();
        }
        if (out.capacity() > 4 * FLUSH_THRESHOLD) {
            out = ByteBuffer.allocate(8 * 1024);
        }
    }

    /** Reads the next packet; the caller holds a deadline. */
    MilterPacket read() throws IOException, MilterProtocolException {
        while (true) {
            MilterPacket p = decoder.decode(in);
            if (p != null) {
                return p;
            }
            in.compact();
            int n;
            try {
                n = channel.read(in);
            } finally {
                in.flip();
            }
            if (n < 0) {
                throw new EOFException(decoder.inPacket() ? "the filter closed the connection in the middle of a packet"
                        : "the filter closed the connection");
            }
        }
    }

    /** Closes the channel (a blocked thread gets an exception). */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** An exception's message, or its class when it has none (ClosedByInterruptException has none). */
    static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Lets the deadline close a channel that is still connecting. */
    static final class ConnectAttempt implements java.io.Closeable {
        private volatile SocketChannel channel;
        private volatile boolean closed;

        void opened(SocketChannel c) throws IOException {
            channel = c;
            if (closed) {
                c.close();
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            SocketChannel c = channel;
            if (c != null) {
                c.close();
            }
        }
    }
}
