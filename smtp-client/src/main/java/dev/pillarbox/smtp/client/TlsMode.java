package dev.pillarbox.smtp.client;

/** Whether and how a client protects the connection with TLS. */
public enum TlsMode {
    /** Plain text throughout; STARTTLS is never sent. */
    NONE,
    /**
     * STARTTLS (RFC 3207) when the server offers it, plain text otherwise, and plain text when the server refuses
     * STARTTLS with 454. A handshake that fails after the server said 220 still fails the connection: there is no
     * silent fall-back once TLS was agreed.
     */
    STARTTLS_OPPORTUNISTIC,
    /**
     * STARTTLS or nothing: a server that does not offer it, or refuses it, fails the connection with
     * {@link SmtpTlsException} before any mail is sent.
     */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (RFC 8314 3.3, "submissions" on port 465): the greeting arrives inside TLS. */
    IMPLICIT
}
