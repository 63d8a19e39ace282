package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.codec.ReplyEncoder;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReplyCode;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import dev.pillarbox.smtp.server.verbs.ServerReplies;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reply side of one connection: every reply of a session passes through {@link #write(Reply)} into one
 * output buffer, which {@link #flush()} writes to the socket in a single call (RFC 2920: one write per pipeline
 * group). Protocol errors are counted here for the hard error limit. A lock (not {@code synchronized}, so virtual
 * threads are not pinned) lets the server's shutdown send a last reply from another thread.
 */
final class ReplyOutput {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyOutput.class);
    // starts small (an idle connection holds only its greeting's worth) and grows to BUFFER for a pipelined batch
    private static final int INITIAL_BUFFER = 512;
    private static final int BUFFER = 8 * 1024;
    // identity, not equality: only the very constant instances, read-only after class initialisation
    private static final Map<Reply, byte[]> CONSTANTS = encodeConstants(Replies.class, ServerReplies.class);

    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_BUFFER);
    private final boolean enhancedCodes;
    private final ServerEvents events;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile OutputStream out;
    private int protocolErrors;

    /** An output that keeps the enhanced status codes of replies. */
    ReplyOutput() {
        this(true);
    }

    /**
     * An output that keeps RFC 3463 enhanced status codes only when {@code enhancedCodes}: a server that does not
     * offer ENHANCEDSTATUSCODES (RFC 2034) strips them here, the one place every reply passes through.
     */
    ReplyOutput(boolean enhancedCodes) {
        this(enhancedCodes, ServerEvents.NONE);
    }

    /** As {@link #ReplyOutput(boolean)}, reporting every reply and protocol error to {@code events}. */
    ReplyOutput(boolean enhancedCodes, ServerEvents events) {
        this.enhancedCodes = enhancedCodes;
        this.events = events;
    }

    /** Writes to {@code out} from now on: the socket's stream, and after STARTTLS the TLS socket's. */
    void use(OutputStream out) {
        lock.lock();
        try {
            this.out = out;
        } finally {
            lock.unlock();
        }
    }

    /** Buffers {@code reply}, flushing first if it does not fit. Connection thread only. */
    void write(Reply reply) throws IOException {
        events.reply(reply.code().value());
        if (isProtocolError(reply)) {
            protocolErrors++;
            events.protocolError(ServerEvents.ProtocolError.SYNTAX);
        }
        byte[] bytes = encoded(outgoing(reply)); // counted above with its code, X.5.X marks a protocol error
        if (bytes.length > buffer.remaining() && buffer.capacity() < BUFFER) {
            grow(bytes.length);
        }
        if (bytes.length > buffer.remaining()) {
            flush();
            if (bytes.length > buffer.capacity()) {
                send(bytes);
                return;
            }
        }
        buffer.put(bytes);
    }

    private void grow(int needed) {
        int capacity = buffer.capacity();
        while (capacity < BUFFER && capacity - buffer.position() < needed) {
            capacity *= 2;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(capacity, BUFFER));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
    }

    /** {@code reply} as this connection sends it: without its enhanced status code unless the server offers them. */
    Reply outgoing(Reply reply) {
        return enhancedCodes ? reply : reply.withoutEnhancedCode();
    }

    /** The wire form; the catalogue constants are encoded once per JVM. */
    static byte[] encoded(Reply reply) {
        byte[] bytes = CONSTANTS.get(reply);
        return bytes != null ? bytes : ReplyEncoder.encode(reply);
    }

    private static Map<Reply, byte[]> encodeConstants(Class<?>... catalogues) {
        Map<Reply, byte[]> map = new IdentityHashMap<>();
        for (Class<?> catalogue : catalogues) {
            for (Field field : catalogue.getFields()) {
                if (field.getType() == Reply.class && Modifier.isStatic(field.getModifiers())) {
                    try {
                        Reply reply = (Reply) field.get(null);
                        map.put(reply, ReplyEncoder.encode(reply));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot read " + field, e);
                    }
                }
            }
        }
        return map;
    }

    /** Counts a protocol error that its reply does not show (a junk command past the limit). */
    void countProtocolError() {
        protocolErrors++;
        events.protocolError(ServerEvents.ProtocolError.JUNK_LIMIT);
    }

    /** Protocol errors answered so far. */
    int protocolErrors() {
        return protocolErrors;
    }

    /** x0z syntax replies and X.5.X protocol status codes (RFC 3463) count as protocol errors. */
    static boolean isProtocolError(Reply reply) {
        ReplyCode code = reply.code();
        if (code.value() == 452) {
            // 452 4.5.3 is flow control: a client may pipeline more RCPTs than the limit and send the rest in another
            // transaction (RFC 5321 4.5.3.1.10), so it must not count towards closing the session
            return false;
        }
        return code.isNegative() && (code.subject() == ReplyCode.Subject.SYNTAX
                || reply.enhancedCode().map(e -> e.subject() == 5).orElse(false));
    }

    /** Writes the buffered replies in one call. Connection thread only. */
    void flush() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        lock.lock();
        try {
            out.write(buffer.array(), 0, buffer.position());
            out.flush();
        } finally {
            buffer.clear();
            lock.unlock();
        }
    }

    /**
     * From any thread: if {@code condition} holds (checked under the lock), sends {@code reply} at once, past the
     * buffer. Failures are logged at DEBUG: the connection is being closed anyway.
     *
     * @return whether the condition held
     */
    boolean sendLast(Reply reply, BooleanSupplier condition) {
        lock.lock();
        try {
            if (!condition.getAsBoolean()) {
                return false;
            }
            if (out != null) {
                events.reply(reply.code().value());
                try {
                    send(encoded(outgoing(reply)));
                } catch (IOException e) {
                    LOG.debug("could not send {}: {}", reply.code(), e.toString());
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void send(byte[] bytes) throws IOException {
        lock.lock();
        try {
            out.write(bytes);
            out.flush();
        } finally {
            lock.unlock();
        }
    }
}
