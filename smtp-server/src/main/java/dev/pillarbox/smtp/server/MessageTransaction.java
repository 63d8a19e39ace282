package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.BodyResult;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message from its first body byte to its final reply: the single owner of the store's {@link MessageWriter}.
 * It is created when the body starts (DATA's 354, or the first BDAT chunk of a transaction), handed to the
 * {@link BodyReceiver} that streams the body into it and then to {@link Delivery}, which commits it; it is the only
 * thing that calls the writer's {@code commit} or {@code abort}, and its own {@link #abort()} is called from one
 * place, the end of the transaction ({@link ServerSession#resetTransaction()}: RSET, a new greeting, QUIT, TLS, the
 * end of delivery and the end of the connection).
 *
 * <p>The first violation of the body (too large, bare line ending, line too long, a store failure) stops storing
 * it: the writer is discarded at once and the rest of the body is only counted.
 */
final class MessageTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(MessageTransaction.class);

    private final boolean storing; // false for octets read outside a transaction
    private MessageWriter writer; // null once discarded, or for a transaction that stores nothing
    private long octets; // body octets so far (all BDAT chunks), without the trace header
    private BodyResult.Violation violation = BodyResult.Violation.NONE;

    private MessageTransaction(boolean storing, MessageWriter writer) {
        this.storing = storing;
        this.writer = writer;
    }

    /**
     * Opens a message for the session's envelope in {@code store} and writes the trace header; a store that fails
     * gives a transaction whose violation is {@link BodyResult.Violation#STORE_FAILED}.
     */
    static MessageTransaction open(MessageStore store, SessionView session, byte[] traceHeader) {
        MessageWriter writer = null;
        try {
            writer = store.open(session, session.envelope());
            writer.write(ByteBuffer.wrap(traceHeader));
            return new MessageTransaction(true, writer);
        } catch (IOException e) {
            LOG.warn("message store failed: {}", e.toString());
            if (writer != null) {
                writer.abort();
            }
            MessageTransaction failed = new MessageTransaction(true, null);
            failed.violation = BodyResult.Violation.STORE_FAILED;
            return failed;
        }
    }

    /** The message a DATA body goes into: opened in {@code store}, with the trace header written. */
    static MessageTransaction open(MessageStore store, ServerSession session, Clock clock) {
        String traceId = session.id() + "." + (session.transactions() + 1);
        return open(store, session, ReceivedHeader.of(session, traceId, ZonedDateTime.now(clock)));
    }

    /**
     * The message a BDAT chunk goes into: the transaction's, opened at its first chunk (a store failure is then the
     * chunk's violation: RFC 3030 still reads it); outside a transaction with recipients the chunk is read and
     * discarded, and its handler answers it (503).
     */
    static MessageTransaction forChunk(MessageStore store, ServerSession session, Clock clock) {
        MessageTransaction current = session.message();
        if (current == null || (current.discards() && current.violation() == BodyResult.Violation.NONE)) {
            session.startMessage(session.phase() == Phase.HAS_RCPT ? open(store, session, clock) : discarding());
        }
        return session.message();
    }

    /** Octets read outside a transaction with recipients (BDAT's chunk must still be read): counted, never stored. */
    static MessageTransaction discarding() {
        return new MessageTransaction(false, null);
    }

    /** True for a transaction that only counts octets ({@link #discarding}). */
    boolean discards() {
        return !storing;
    }

    /** Counts {@code n} octets of body as received, stored or not. */
    void count(int n) {
        octets += n;
    }

    /** Appends body bytes, unless a violation stopped storing; a store failure becomes the violation. */
    void store(ByteBuffer data) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(data);
        } catch (IOException e) {
            LOG.warn("message store failed: {}", e.toString());
            violation(BodyResult.Violation.STORE_FAILED);
        }
    }

    /** Records the body's first violation and stops storing the message; later ones are ignored. */
    void violation(BodyResult.Violation found) {
        if (violation == BodyResult.Violation.NONE) {
            violation = found;
            discardWriter();
        }
    }

    /** The first violation of the body, or NONE. */
    BodyResult.Violation violation() {
        return violation;
    }

    /** Body octets so far, over all BDAT chunks, without the trace header. */
    long octets() {
        return octets;
    }

    /** What a completion is told after a body or chunk of {@code unitOctets}. */
    BodyResult result(long unitOctets) {
        return new BodyResult(unitOctets, octets, violation);
    }

    /** Stores the message durably; only after this returns may the server answer 250. */
    String commit() throws IOException {
        if (writer == null) {
            throw new IllegalStateException("no message to commit: " + violation);
        }
        String id = writer.commit();
        writer = null; // committed: nothing left to abort
        return id;
    }

    /** Discards whatever was stored; called when the transaction ends, harmless after a commit. */
    void abort() {
        discardWriter();
    }

    private void discardWriter() {
        MessageWriter w = writer;
        writer = null;
        if (w != null) {
            w.abort();
        }
    }

    /** What message hooks see: {@code envelope} and the content stored so far, from its trace header on. */
    Message asMessage(Envelope envelope) {
        if (writer == null) {
            throw new IllegalStateException("the message is not stored: " + violation);
        }
        MessageWriter stored = writer;
        return new Message() {
            @Override
            public Envelope envelope() {
                return envelope;
            }

            @Override
            public long size() {
                return stored.size();
            }

            @Override
            public InputStream openContent() throws IOException {
                return stored.openContent();
            }
        };
    }

    /** Octets stored so far, with the trace header; 0 once discarded or committed. */
    long storedSize() {
        return writer == null ? 0 : writer.size();
    }
}
