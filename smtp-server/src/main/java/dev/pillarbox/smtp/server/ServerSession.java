package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.AttributeKey;
import dev.pillarbox.smtp.plugins.api.BodyResult;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.api.TransactionEnd;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * The server's {@link Session}: state of one connection, changed only by its own thread. Besides what the API
 * shows it holds the current transaction's {@link MessageTransaction} once its body started, and ends it (the one
 * place a message is aborted) when the transaction ends.
 */
final class ServerSession implements Session {

    private final String id;
    private InetSocketAddress remoteAddress;
    private InetSocketAddress localAddress;
    private final String listenerName;
    private final Protocol protocol;
    private final String serverName;
    private final Map<AttributeKey<?>, Object> attributes = new HashMap<>();
    private Map<AttributeKey<?>, Object> transactionAttributes = Map.of(); // made on the first set
    private final TransactionStages stages;

    private String heloName;
    private boolean extended;
    private Envelope envelope = Envelope.empty();
    private SSLSession tlsSession;
    private String authenticatedIdentity;
    private String authenticationMechanism;
    private MessageTransaction message;
    private int transactions;
    private int messagesAccepted;
    private int junkCommands; // since the last accepted message (the junk command limit)
    private Runnable afterReply; // the stored message's optional targets and after-store hooks, once replied

    ServerSession(String id, InetSocketAddress remoteAddress, InetSocketAddress localAddress,
            ListenerSettings listener, String serverName) {
        this(id, remoteAddress, localAddress, listener, serverName, TransactionStages.NONE);
    }

    ServerSession(String id, InetSocketAddress remoteAddress, InetSocketAddress localAddress,
            ListenerSettings listener, String serverName, TransactionStages stages) {
        this.stages = stages;
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.localAddress = localAddress;
        this.listenerName = listener.name();
        this.protocol = listener.protocol();
        this.serverName = serverName;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public String listenerName() {
        return listenerName;
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public String serverName() {
        return serverName;
    }

    @Override
    public Optional<String> heloName() {
        return Optional.ofNullable(heloName);
    }

    @Override
    public boolean extended() {
        return extended;
    }

    @Override
    public Phase phase() {
        if (heloName == null) {
            return Phase.CONNECTED;
        }
        if (!envelope.hasSender()) {
            return Phase.GREETED;
        }
        return envelope.recipients().isEmpty() ? Phase.IN_MAIL : Phase.HAS_RCPT;
    }

    @Override
    public Envelope envelope() {
        return envelope;
    }

    @Override
    public boolean isTls() {
        return tlsSession != null;
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return Optional.ofNullable(tlsSession);
    }

    @Override
    public Optional<String> authenticatedIdentity() {
        return Optional.ofNullable(authenticatedIdentity);
    }

    @Override
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        return Optional.ofNullable(key.cast(attributes.get(key)));
    }

    @Override
    public void greet(String heloName, boolean extended) {
        resetTransaction();
        this.heloName = Objects.requireNonNull(heloName, "heloName");
        this.extended = extended;
    }

    @Override
    public void envelope(Envelope envelope) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
    }

    @Override
    public void endTransaction(TransactionEnd reason) {
        end(Objects.requireNonNull(reason, "reason"));
    }

    /** The transaction's message was stored: the transaction ends without a transaction-ended stage. */
    void endStoredTransaction() {
        end(null);
    }

    /** The connection ends: an open transaction was {@code ABORTED} mid-body or else {@code DISCONNECTED}. */
    void endConnection() {
        end(message != null && !message.discards() ? TransactionEnd.ABORTED : TransactionEnd.DISCONNECTED);
    }

    private void end(TransactionEnd reason) {
        Envelope ended = envelope;
        endMessage();
        envelope = Envelope.empty();
        if (reason != null && ended.hasSender()) {
            stages.transactionEnded(this, ended, reason); // the hooks still see the transaction's attributes
        }
        if (afterReply == null) {
            transactionAttributes = Map.of();
        } // else a stored message: the after-store hooks see them, then runAfterReply() clears them
    }

    /** What to do once the reply to a stored message was sent (optional targets, after-store hooks). */
    void afterReply(Runnable then) {
        afterReply = then;
    }

    /** True when {@link #afterReply(Runnable)} left something to run. */
    boolean hasAfterReply() {
        return afterReply != null;
    }

    /** Runs what {@link #afterReply(Runnable)} left, once. */
    void runAfterReply() {
        Runnable then = afterReply;
        afterReply = null;
        try {
            if (then != null) {
                then.run();
            }
        } finally {
            transactionAttributes = Map.of();
        }
    }

    @Override
    public Optional<String> authenticationMechanism() {
        return Optional.ofNullable(authenticationMechanism);
    }

    @Override
    public void authenticated(String identity) {
        this.authenticatedIdentity = Objects.requireNonNull(identity, "identity");
        this.authenticationMechanism = null;
    }

    @Override
    public void authenticated(String identity, String mechanism) {
        this.authenticatedIdentity = Objects.requireNonNull(identity, "identity");
        this.authenticationMechanism = Objects.requireNonNull(mechanism, "mechanism");
    }

    @Override
    public <T> void attribute(AttributeKey<T> key, T value) {
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(key, key.cast(value));
        }
    }

    @Override
    public <T> Optional<T> transactionAttribute(AttributeKey<T> key) {
        return Optional.ofNullable(key.cast(transactionAttributes.get(key)));
    }

    @Override
    public <T> void transactionAttribute(AttributeKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            if (!transactionAttributes.isEmpty()) {
                transactionAttributes.remove(key);
            }
            return;
        }
        if (transactionAttributes.isEmpty()) {
            transactionAttributes = new HashMap<>(4); // most transactions never set one: no map for them
        }
        transactionAttributes.put(key, key.cast(value));
    }

    /** A MAIL command starts: nothing of an earlier MAIL that was refused carries over. */
    void mailStarting() {
        if (!envelope.hasSender()) {
            transactionAttributes = Map.of();
        }
    }

    /**
     * A PROXY protocol header named the real client and the address it connected to: from now on hooks and logs
     * see these instead of the load balancer's socket addresses.
     */
    void proxied(InetSocketAddress remote, InetSocketAddress local) {
        this.remoteAddress = Objects.requireNonNull(remote, "remote");
        this.localAddress = Objects.requireNonNull(local, "local");
    }

    /** RFC 3207 4.2: after the TLS handshake the server forgets what the client said before it. */
    void startedTls(SSLSession session) {
        resetTransaction();
        heloName = null;
        extended = false;
        authenticatedIdentity = null;
        authenticationMechanism = null;
        tlsSession = session;
    }

    /** The message of the current transaction once its body started, or null. */
    MessageTransaction message() {
        return message;
    }

    /** A body starts: {@code started} is the transaction's message until the transaction ends. */
    void startMessage(MessageTransaction started) {
        endMessage();
        message = started;
        if (!started.discards() && started.violation() == BodyResult.Violation.NONE) {
            transactions++;
        }
    }

    /** Messages committed in this session. */
    int messagesAccepted() {
        return messagesAccepted;
    }

    void messageAccepted() {
        messagesAccepted++;
        junkCommands = 0; // a client that delivers mail is not idling: RSET between messages never adds up
    }

    /** Counts a command that does no mail work (NOOP, RSET, VRFY, EXPN, HELP); the count since the last message. */
    int junkCommand() {
        return ++junkCommands;
    }

    /** Transactions that started a message in this session: 1 for the first. */
    int transactions() {
        return transactions;
    }

    // the one place where a message being received is given up (harmless after its commit)
    private void endMessage() {
        MessageTransaction ended = message;
        message = null;
        if (ended != null) {
            ended.abort();
        }
    }

    @Override
    public String toString() {
        return "session " + id + " " + remoteAddress;
    }
}
