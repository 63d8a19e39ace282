package dev.pillarbox.smtp.plugins.api;

import java.net.InetSocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * What hooks and capabilities may read about a session: who is connected, what they said, and the current
 * envelope; and the state hooks keep: session attributes (for the whole connection) and transaction attributes
 * (cleared when the transaction ends: RSET, a new greeting, the end of a message, the end of the session, and
 * before a new MAIL). The server implements it; {@link Session} adds what handlers may change. Only the session's
 * own thread calls these methods.
 */
public interface SessionView {

    /** A short id unique within this server run, used in logs (MDC key {@code session}) and queue ids. */
    String id();

    /** The client's address (after a PROXY protocol header, the real client behind the proxy). */
    InetSocketAddress remoteAddress();

    /** The local address the client connected to. */
    InetSocketAddress localAddress();

    /** The name of the listener the session came in on, as configured. */
    String listenerName();

    /** SMTP or LMTP. */
    Protocol protocol();

    /** The server's own host name, as used in the greeting and trace headers. */
    String serverName();

    /** The name the client gave in HELO, EHLO or LHLO; empty before. */
    Optional<String> heloName();

    /** True after EHLO or LHLO (ESMTP), false after HELO or before any greeting. */
    boolean extended();

    /** Where the session stands in the command sequence. */
    Phase phase();

    /** The current envelope; {@link Envelope#empty()} outside a transaction. */
    Envelope envelope();

    /** True once the connection is protected by TLS (STARTTLS or an implicit TLS listener). */
    boolean isTls();

    /** The TLS session when {@link #isTls()}. */
    Optional<SSLSession> tlsSession();

    /** The identity a successful AUTH established; empty before. */
    Optional<String> authenticatedIdentity();

    /**
     * The SASL mechanism of the successful AUTH (e.g. {@code PLAIN}, {@code SCRAM-SHA-256}), as a milter's
     * {@code {auth_type}} macro gives it; empty before, and from a session that does not record it.
     */
    default Optional<String> authenticationMechanism() {
        return Optional.empty();
    }

    /** The session attribute under {@code key}, if set. */
    <T> Optional<T> attribute(AttributeKey<T> key);

    /** Sets a session attribute, kept until the session ends; {@code null} removes it. */
    <T> void attribute(AttributeKey<T> key, T value);

    /** The transaction attribute under {@code key}, if set in this transaction. */
    <T> Optional<T> transactionAttribute(AttributeKey<T> key);

    /**
     * Sets a transaction attribute, kept until the transaction ends (RSET, a new greeting, the end of the message
     * whatever its reply, the end of the session) or a new MAIL starts; {@code null} removes it. A MAIL hook may set
     * one for the transaction its MAIL opens.
     */
    <T> void transactionAttribute(AttributeKey<T> key, T value);
}
