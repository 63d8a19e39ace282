package dev.pillarbox.smtp.plugins.api;

/** Why a mail transaction ended without a stored message, as {@link TransactionEndedHook}s are told. */
public enum TransactionEnd {
    /**
     * The message was refused at its end: a message hook refused it, the body broke a limit (size, line endings,
     * line length), a required delivery target failed ({@code 451}), or improper pipelining refused the body.
     */
    REJECTED,
    /** The client reset the transaction: RSET, a new HELO, EHLO or LHLO, or STARTTLS (RFC 5321 4.1.4). */
    RESET,
    /** The session ended while the message body was being received (client gone, timeout, size drain, shutdown). */
    ABORTED,
    /** The session ended (QUIT, client gone, timeout, shutdown) with a transaction open but no body started. */
    DISCONNECTED,
    /**
     * A message hook discarded the message ({@link HookResult#discard}), or its hooks removed every recipient: the
     * client got a 2yz reply and nothing was stored.
     */
    DISCARDED
}
