package dev.pillarbox.smtp.plugins.api;

/**
 * A session as command handlers see it: the {@link SessionView} plus the changes a verb makes. Only the
 * session's own connection thread calls these methods.
 */
public interface Session extends SessionView {

    /** Records a successful HELO ({@code extended == false}), EHLO or LHLO; resets any transaction (RFC 5321 4.1.4). */
    void greet(String heloName, boolean extended);

    /** Replaces the envelope (MAIL starts one, RCPT adds to it); the phase follows from it. */
    void envelope(Envelope envelope);

    /**
     * Ends the current transaction: aborts any message being received and clears the envelope
     * (RSET, RFC 5321 4.1.1.5). HELO name, TLS and AUTH state stay. The same as
     * {@code endTransaction(TransactionEnd.RESET)}.
     */
    default void resetTransaction() {
        endTransaction(TransactionEnd.RESET);
    }

    /**
     * Ends the current transaction for {@code reason}, as {@link #resetTransaction()} does, and tells the
     * {@link TransactionEndedHook}s why (e.g. {@link TransactionEnd#REJECTED} when a handler refuses a message).
     * Nothing is told to the hooks when no transaction was open.
     */
    void endTransaction(TransactionEnd reason);

    /** Records the identity of a successful AUTH (RFC 4954). */
    void authenticated(String identity);

    /**
     * Records the identity of a successful AUTH (RFC 4954) and the SASL mechanism that established it; a session
     * that does not keep the mechanism records the identity only.
     */
    default void authenticated(String identity, String mechanism) {
        authenticated(identity);
    }
}
