package dev.pillarbox.server.maildir;

import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one INFO line per mail transaction that reached the message store, after its outcome is known:
 * client, HELO name, sender, recipients, size, store id, result and how long the body took, e.g.
 *
 * <pre>
 * client=127.0.0.1:50312 helo=client.example from=&lt;a@example.org&gt; rcpt=&lt;b@example.net&gt; size=312
 *     id=1764383912.M4711P2345Q1.mx result=stored duration=3ms
 * </pre>
 *
 * <p>It decorates the {@link MessageStore} rather than being a message hook, because only the store knows the
 * id and whether the commit (the fsync) succeeded; a hook runs before both. Results: {@code stored};
 * {@code failed (<exception>)} when the commit threw (the client got 451); {@code not-stored} when the
 * message was dropped before a commit (a hook refused it, it was too large, or the client went away). When a message
 * hook changes the message, the server opens a new writer for the changed message and aborts the first one: the
 * first one's abort is not a line of its own (the message was stored, by the new writer, whose line says so).
 * Refused RCPTs and sessions without a message are logged by the server itself.
 *
 * <p>Each field is also attached to the line as an SLF4J key-value pair ({@code client}, {@code helo}, {@code from},
 * {@code rcpt}, {@code size}, {@code id}, {@code result}, {@code duration} in milliseconds), so that a structured
 * encoder (the reference server's {@code log-format: json}) writes them as keys of their own.
 */
public final class TransactionLog implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionLog.class);

    private final MessageStore store;
    private final LongSupplier nanoClock;
    private final Logger log;
    /** Each session's writer that is neither committed nor aborted yet. */
    private final Map<SessionView, Writer> unfinished = new ConcurrentHashMap<>();

    private TransactionLog(MessageStore store, LongSupplier nanoClock, Logger log) {
        this.store = Objects.requireNonNull(store, "store");
        this.nanoClock = nanoClock;
        this.log = log;
    }

    /** Logs the transactions that go into {@code store}. */
    public static TransactionLog around(MessageStore store) {
        return new TransactionLog(store, System::nanoTime, LOG);
    }

    /** Logs to {@code log} and times with {@code nanoClock}; for tests. */
    static TransactionLog around(MessageStore store, LongSupplier nanoClock, Logger log) {
        return new TransactionLog(store, nanoClock, log);
    }

    /** The decorated store. */
    public MessageStore store() {
        return store;
    }

    @Override
    public boolean ready() {
        return store.ready();
    }

    @Override
    public MessageWriter open(SessionView session, Envelope envelope) throws IOException {
        long start = nanoClock.getAsLong();
        try {
            Writer writer = new Writer(store.open(session, envelope), session, Transaction.of(session, envelope),
                    start);
            Writer replaced = unfinished.put(session, writer);
            if (replaced != null) {
                replaced.superseded = true; // a hook changed the message: this writer takes it instead
            }
            return writer;
        } catch (IOException | RuntimeException e) {
            if (log.isInfoEnabled()) {
                line(Transaction.of(session, envelope), 0, "-", "failed (" + e + ")", start);
            }
            throw e;
        }
    }

    /** Logs the line of {@code transaction}, with its fields as key-value pairs too. */
    private void line(Transaction transaction, long size, String id, String result, long start) {
        long millis = (nanoClock.getAsLong() - start) / 1_000_000;
        log.atInfo().addKeyValue("client", transaction.client()).addKeyValue("helo", transaction.helo)
                .addKeyValue("from", transaction.from()).addKeyValue("rcpt", transaction.rcpt())
                .addKeyValue("size", size).addKeyValue("id", id).addKeyValue("result", result)
                .addKeyValue("duration", millis)
                .log("{} size={} id={} result={} duration={}ms", transaction, size, id, result, millis);
    }

    /** The part of the line known when the message starts. */
    static String describe(SessionView session, Envelope envelope) {
        return describe(session.remoteAddress(), session.heloName().orElse("-"), envelope);
    }

    private static String describe(InetSocketAddress remote, String helo, Envelope envelope) {
        return "client=" + client(remote) + " helo=" + helo + " from=" + from(envelope) + " rcpt=" + rcpt(envelope);
    }

    private static String client(InetSocketAddress remote) {
        return remote == null ? "-" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    private static String from(Envelope envelope) {
        return envelope.reversePath().map(Object::toString).orElse("-");
    }

    private static String rcpt(Envelope envelope) {
        StringJoiner rcpt = new StringJoiner(",");
        for (Recipient r : envelope.recipients()) {
            rcpt.add(r.forwardPath().toString());
        }
        return rcpt.toString();
    }

    /**
     * What the line will say about the transaction, captured when the message starts and formatted only if the
     * line is logged: with INFO off (a benchmark at {@code --log-level warn}) a message costs no string building.
     */
    private static final class Transaction {
        final InetSocketAddress remote;
        final String helo;
        final Envelope envelope;

        private Transaction(InetSocketAddress remote, String helo, Envelope envelope) {
            this.remote = remote;
            this.helo = helo;
            this.envelope = envelope;
        }

        static Transaction of(SessionView session, Envelope envelope) {
            return new Transaction(session.remoteAddress(), session.heloName().orElse("-"), envelope);
        }

        String client() {
            return TransactionLog.client(remote);
        }

        String from() {
            return TransactionLog.from(envelope);
        }

        String rcpt() {
            return TransactionLog.rcpt(envelope);
        }

        @Override
        public String toString() {
            return describe(remote, helo, envelope);
        }
    }

    @Override
    public String toString() {
        return store.toString();
    }

    private final class Writer implements MessageWriter {

        private final MessageWriter delegate;
        private final SessionView session;
        private final Transaction transaction;
        private final long start;
        private boolean logged;
        private volatile boolean superseded;

        Writer(MessageWriter delegate, SessionView session, Transaction transaction, long start) {
            this.delegate = delegate;
            this.session = session;
            this.transaction = transaction;
            this.start = start;
        }

        @Override
        public void write(ByteBuffer bytes) throws IOException {
            delegate.write(bytes);
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public InputStream openContent() throws IOException {
            return delegate.openContent();
        }

        @Override
        public String commit() throws IOException {
            String id;
            try {
                id = delegate.commit();
            } catch (IOException | RuntimeException e) {
                finish("-", "failed (" + e + ")");
                throw e;
            }
            finish(id, "stored");
            return id;
        }

        @Override
        public void abort() {
            delegate.abort();
            if (superseded) {
                logged = true; // the writer that replaced it logs the message
                unfinished.remove(session, this);
                return;
            }
            finish("-", "not-stored");
        }

        private void finish(String id, String result) {
            if (logged) {
                return;
            }
            logged = true;
            unfinished.remove(session, this);
            if (log.isInfoEnabled()) {
                line(transaction, delegate.size(), id, result, start);
            }
        }
    }
}
