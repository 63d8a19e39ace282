package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.BodyResult;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message from its first body byte to its final reply: the single owner of the delivery targets'
 * {@link MessageWriter}s (one per picked target, required ones first). It is created when the body starts (DATA's
 * 354, or the first BDAT chunk of a transaction), handed to the {@link BodyReceiver} that streams the body into it
 * and then to {@link Delivery}, which commits it; it is the only thing that calls the writers' {@code commit} or
 * {@code abort}, and its own {@link #abort()} is called from one place, the end of the transaction
 * ({@link ServerSession#endTransaction}: RSET, a new greeting, TLS, the end of delivery and the end of the
 * connection). Message hooks read the content of the first required target's writer.
 *
 * <p>The first violation of the body (too large, bare line ending, line too long, a required target's failure) stops
 * storing it: the writers are discarded at once and the rest of the body is only counted. An optional target that
 * fails is dropped from the message and logged.
 */
final class MessageTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(MessageTransaction.class);
    private static final int REWRITE_BUFFER = 32 * 1024;

    /** A target's writer for this message. */
    record TargetWriter(DeliveryTargets.Target target, MessageWriter writer) {
        String name() {
            return target.name();
        }
    }

    /** What a successful commit of the required targets leaves: the id, and the optional writers still to commit. */
    record Committed(String id, long octets, List<String> targets, List<TargetWriter> optional) {
    }

    private final boolean storing; // false for octets read outside a transaction
    private final SessionView session; // null when not storing
    private final byte[] traceHeader; // the server's Received: field, first in every target's content
    private List<TargetWriter> writers; // empty once discarded or committed; required first
    private long octets; // body octets so far (all BDAT chunks), without the trace header
    private BodyResult.Violation violation = BodyResult.Violation.NONE;

    private MessageTransaction(boolean storing, SessionView session, byte[] traceHeader, List<TargetWriter> writers) {
        this.storing = storing;
        this.session = session;
        this.traceHeader = traceHeader;
        this.writers = writers;
    }

    /**
     * Opens a message for the session's envelope in every target and writes the trace header; a required target that
     * fails gives a transaction whose violation is {@link BodyResult.Violation#STORE_FAILED}, an optional one is left
     * out.
     */
    static MessageTransaction open(DeliveryTargets targets, SessionView session, byte[] traceHeader) {
        List<TargetWriter> opened = openAll(targets.targets(), session, session.envelope(), traceHeader);
        if (opened == null) {
            MessageTransaction failed = new MessageTransaction(true, session, traceHeader, List.of());
            failed.violation = BodyResult.Violation.STORE_FAILED;
            return failed;
        }
        return new MessageTransaction(true, session, traceHeader, opened);
    }

    // a writer on each target with the first bytes written; null (every one aborted) if a required target failed
    private static List<TargetWriter> openAll(List<DeliveryTargets.Target> targets, SessionView session,
            Envelope envelope, byte[] first) {
        List<TargetWriter> opened = new ArrayList<>(targets.size());
        for (DeliveryTargets.Target target : targets) {
            MessageWriter writer = null;
            try {
                writer = target.target().open(session, envelope);
                writer.write(ByteBuffer.wrap(first));
                opened.add(new TargetWriter(target, writer));
            } catch (IOException | RuntimeException e) {
                if (writer != null) {
                    writer.abort();
                }
                if (!target.required()) {
                    LOG.warn("optional delivery target {} failed, the message goes on without it: {}",
                            target.name(), e.toString());
                    continue;
                }
                LOG.warn("delivery target {} failed: {}", target.name(), e.toString());
                for (TargetWriter w : opened) {
                    w.writer().abort();
                }
                return null;
            }
        }
        return opened;
    }

    /** The message a DATA body goes into: opened in {@code targets}, with the trace header written. */
    static MessageTransaction open(DeliveryTargets targets, ServerSession session, Clock clock) {
        String traceId = session.id() + "." + (session.transactions() + 1);
        return open(targets, session, ReceivedHeader.of(session, traceId, ZonedDateTime.now(clock)));
    }

    /**
     * The message a BDAT chunk goes into: the transaction's, opened at its first chunk (a store failure is then the
     * chunk's violation: RFC 3030 still reads it); outside a transaction with recipients the chunk is read and
     * discarded, and its handler answers it (503).
     */
    static MessageTransaction forChunk(DeliveryTargets targets, ServerSession session, Clock clock) {
        MessageTransaction current = session.message();
        if (current == null || (current.discards() && current.violation() == BodyResult.Violation.NONE)) {
            session.startMessage(session.phase() == Phase.HAS_RCPT ? open(targets, session, clock) : discarding());
        }
        return session.message();
    }

    /** Octets read outside a transaction with recipients (BDAT's chunk must still be read): counted, never stored. */
    static MessageTransaction discarding() {
        return new MessageTransaction(false, null, new byte[0], List.of());
    }

    /** True for a transaction that only counts octets ({@link #discarding}). */
    boolean discards() {
        return !storing;
    }

    /** Counts {@code n} octets of body as received, stored or not. */
    void count(int n) {
        octets += n;
    }

    /**
     * Appends body bytes to every target's writer, unless a violation stopped storing; a required target's failure
     * becomes the violation, an optional one's drops that target.
     */
    void store(ByteBuffer data) {
        List<TargetWriter> targets = writers; // a failing optional target is removed from a copy, not from this
        int n = targets.size();
        for (int i = 0; i < n && violation == BodyResult.Violation.NONE; i++) {
            // each writer consumes its buffer: all but the last get their own bounds over the same bytes
            write(targets.get(i), i == n - 1 ? data : data.duplicate());
        }
    }

    private void write(TargetWriter w, ByteBuffer data) {
        try {
            w.writer().write(data);
        } catch (IOException | RuntimeException e) {
            if (w.target().required()) {
                LOG.warn("delivery target {} failed: {}", w.name(), e.toString());
                violation(BodyResult.Violation.STORE_FAILED);
            } else {
                LOG.warn("optional delivery target {} failed, the message goes on without it: {}", w.name(),
                        e.toString());
                w.writer().abort();
                List<TargetWriter> rest = new ArrayList<>(writers);
                rest.remove(w);
                writers = rest;
            }
        }
    }

    /** Records the body's first violation and stops storing the message; later ones are ignored. */
    void violation(BodyResult.Violation found) {
        if (violation == BodyResult.Violation.NONE) {
            violation = found;
            discardWriters();
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

    /**
     * Commits every required target in order, each commit timed into {@code events}; only after this returns may the
     * server answer 250. If one fails, every writer not yet committed is aborted and the failure thrown. The optional
     * writers are handed over in the result (this transaction no longer aborts them) to be committed after the
     * reply.
     */
    Committed commit(ServerEvents events) throws IOException {
        List<TargetWriter> targets = writers;
        if (targets.isEmpty()) {
            throw new IllegalStateException("no message to commit: " + violation);
        }
        long size = targets.get(0).writer().size();
        String id = null;
        List<String> committed = new ArrayList<>(targets.size());
        List<TargetWriter> optional = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            TargetWriter w = targets.get(i);
            if (!w.target().required()) {
                optional.add(w);
                continue;
            }
            long start = System.nanoTime();
            boolean ok = false;
            try {
                String targetId = w.writer().commit();
                ok = true;
                committed.add(w.name());
                if (id == null) {
                    id = targetId;
                }
            } catch (IOException | RuntimeException e) {
                writers = targets.subList(i, targets.size()); // the failed one and the rest: aborted now
                discardWriters();
                throw e instanceof IOException io ? io
                        : new IOException("delivery target " + w.name() + " failed: " + e, e);
            } finally {
                events.commit(w.name(), System.nanoTime() - start, ok);
            }
        }
        writers = List.of(); // committed or handed over: nothing left to abort
        return new Committed(id, size, committed, optional);
    }

    /** Discards whatever was stored; called when the transaction ends, harmless after a commit. */
    void abort() {
        discardWriters();
    }

    private void discardWriters() {
        List<TargetWriter> ws = writers;
        writers = List.of();
        for (TargetWriter w : ws) {
            w.writer().abort();
        }
    }

    /** What message hooks see and change: {@code envelope} and the content stored so far, from its trace header on. */
    EditableMessage asMessage(Envelope envelope) {
        if (writers.isEmpty()) {
            throw new IllegalStateException("the message is not stored: " + violation);
        }
        return new EditableMessage(this, envelope);
    }

    /** The writer whose content the hooks read: the first required target's. */
    MessageWriter primary() {
        if (writers.isEmpty()) {
            throw new IllegalStateException("the message is not stored: " + violation);
        }
        return writers.get(0).writer();
    }

    /** The server's trace field, the first bytes of the content. */
    byte[] traceHeader() {
        return traceHeader;
    }

    /**
     * Replaces the message in every target with {@code content} (read to its end and closed), streamed through a
     * small buffer into a new writer per target, opened for {@code envelope} (the message hooks' envelope, changed or
     * not); the old writers are aborted once the new ones have it all. A
     * required target that fails aborts everything new and throws (the old writers are then aborted as well: the
     * message is lost and answered 451); an optional one is left out.
     */
    void rewrite(InputStream content, Envelope envelope) throws IOException {
        List<TargetWriter> old = writers;
        List<DeliveryTargets.Target> targets = new ArrayList<>(old.size());
        for (TargetWriter w : old) {
            targets.add(w.target());
        }
        try (InputStream in = content) {
            List<TargetWriter> opened = openAll(targets, session, envelope, new byte[0]);
            if (opened == null) {
                throw new IOException("a required delivery target failed to take the changed message");
            }
            writers = opened; // store() writes into the new writers; a required one's failure discards them all
            byte[] buffer = new byte[REWRITE_BUFFER];
            int n;
            while (violation == BodyResult.Violation.NONE && (n = in.read(buffer)) >= 0) {
                store(ByteBuffer.wrap(buffer, 0, n));
            }
        } catch (IOException | RuntimeException e) {
            if (writers != old) {
                discardWriters(); // the new ones
                writers = old; // aborted when the transaction ends
            }
            throw e;
        }
        if (violation != BodyResult.Violation.NONE) {
            writers = old;
            throw new IOException("a required delivery target failed while taking the changed message");
        }
        for (TargetWriter w : old) {
            w.writer().abort();
        }
    }
}
