package dev.pillarbox.smtp.plugins.spi;

/**
 * What the server tells an observer as it works: connections, commands, replies, protocol errors, messages, store
 * commits, TLS handshakes, AUTH results and the time its hook stages take. The metrics integration implements it
 * (with Micrometer); the engine itself depends on nothing but this interface. One observer is bound with
 * {@link ExtensionPoints#serverEvents}; without one the server uses {@link #NONE}.
 *
 * <p>Every method is called on the thread that did the work, many of them once per command: an implementation must
 * be thread-safe, must not block and should not allocate (resolve its counters ahead, not per event). Every method
 * does nothing by default. Arguments never carry client input that could grow without bound: verbs are reported as
 * the client sent them (upper case), so an observer folds the verbs it does not know into one value itself.
 */
public interface ServerEvents {

    /** The observer that ignores everything: the server's default. */
    ServerEvents NONE = new ServerEvents() { };

    /** The name under which the engine reports the commits of a bound {@code MessageStore} (its target name). */
    String STORE = "store";

    /** Why a connection was refused before it got a session. */
    enum ConnectionRefusal {
        /** The server's connection limit ({@code connections.max}): {@code 421 4.7.0}. */
        LIMIT,
        /** The per-client connection limit ({@code connections.max-per-client}): {@code 421 4.7.0}. */
        PER_CLIENT_LIMIT,
        /** The server is shutting down: {@code 421 4.3.2}. */
        SHUTDOWN,
        /** A PROXY-protocol listener was reached by a peer that is not a trusted proxy: closed without a greeting. */
        UNTRUSTED_PROXY,
        /** A trusted proxy sent no valid PROXY header in time: closed without a greeting. */
        PROXY_HEADER,
        /** The TLS handshake of an implicit-TLS listener failed or timed out: closed. */
        TLS_HANDSHAKE,
        /** A connect hook refused the client instead of the greeting. */
        CONNECT_HOOK
    }

    /** A protocol error of a session, as counted for the hard error limit and the session's end. */
    enum ProtocolError {
        /** A reply of the syntax class (x0z) or with an X.5.X enhanced code: a bad command, line or argument. */
        SYNTAX,
        /** A junk command (NOOP, RSET, VRFY, EXPN, HELP) past the junk command limit. */
        JUNK_LIMIT,
        /** The idle timeout or the body's minimum data rate ended the session ({@code 421 4.4.2}). */
        TIMEOUT,
        /** Improper pipelining (RFC 2920), including talking before the greeting. */
        IMPROPER_PIPELINING,
        /** The session reached the hard error limit ({@code 421 4.7.0 Too many errors}). */
        ERROR_LIMIT
    }

    /** The hook stages the server runs, each timed as a whole. */
    enum HookStage {
        CONNECT, HELO, MAIL, RCPT, DATA, MESSAGE, AFTER_STORE, TRANSACTION_ENDED, DISCONNECT, UNKNOWN_COMMAND
    }

    /** The server listens on {@code listener} (called once per listener at start, before any connection). */
    default void listening(String listener) {
    }

    /** A connection on {@code listener} got its session (its own thread); refused connections do not. */
    default void connectionOpened(String listener) {
    }

    /** A connection on {@code listener} was refused, before or instead of the greeting. */
    default void connectionRefused(String listener, ConnectionRefusal reason) {
    }

    /** A connection that {@link #connectionOpened opened} on {@code listener} is closed. */
    default void connectionClosed(String listener) {
    }

    /** A command line was parsed as a command with {@code verb} (upper case, possibly one nobody answers). */
    default void command(String verb) {
    }

    /** The server wrote a reply with {@code code} (200 to 599). */
    default void reply(int code) {
    }

    /** A session made a protocol error of {@code kind}. */
    default void protocolError(ProtocolError kind) {
    }

    /**
     * A message's body was read to its end and answered with {@code code}: 2yz accepted, 4yz deferred, 5yz refused
     * (for LMTP the best of the per-recipient replies: accepted when any recipient was).
     *
     * @param octets the body's octets as received, without the server's trace header
     */
    default void message(int code, long octets) {
    }

    /**
     * A commit of a message into the delivery target named {@code target} took {@code nanos}; {@code succeeded} is
     * false when it threw (for a required target the client then gets {@code 451}; an optional target's failure is
     * only logged). Called once per target that was asked to commit.
     */
    default void commit(String target, long nanos, boolean succeeded) {
    }

    /** A TLS handshake on {@code listener} completed with {@code protocol} (e.g. {@code TLSv1.3}). */
    default void tlsHandshake(String listener, String protocol) {
    }

    /** A TLS handshake on {@code listener} failed, or did not complete in time ({@code timedOut}). */
    default void tlsHandshakeFailed(String listener, boolean timedOut) {
    }

    /** An AUTH exchange with {@code mechanism} (one the server offers) ended in success or failure. */
    default void authentication(String mechanism, boolean succeeded) {
    }

    /** The hooks of {@code stage} ran for {@code nanos}, all of them, until the first decision. */
    default void hookStage(HookStage stage, long nanos) {
    }
}
