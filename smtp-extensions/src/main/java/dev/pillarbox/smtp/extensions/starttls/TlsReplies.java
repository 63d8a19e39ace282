package dev.pillarbox.smtp.extensions.starttls;

import dev.pillarbox.smtp.core.Reply;

/** The replies of the STARTTLS extension (RFC 3207 4), in one place. */
public final class TlsReplies {

    private TlsReplies() {
    }

    /** 220 2.0.0: the server starts the TLS handshake right after this line (RFC 3207 4). */
    public static final Reply READY = Reply.of(220, "2.0.0", "Ready to start TLS");

    /** 501 5.5.4: STARTTLS takes no parameters (RFC 3207 4). */
    public static final Reply NO_PARAMETERS = Reply.of(501, "5.5.4", "Syntax error (no parameters allowed)");

    /**
     * 503 5.5.1: TLS is already active. RFC 3207 does not name a reply for a second STARTTLS; a command that is
     * out of sequence is 503 (RFC 5321 4.2.4) with 5.5.1 "invalid command" (RFC 3463).
     */
    public static final Reply ALREADY_ACTIVE = Reply.of(503, "5.5.1", "TLS already active");

    /** 530 5.7.0: this listener requires TLS before a mail transaction (RFC 3207 4). */
    public static final Reply MUST_STARTTLS = Reply.of(530, "5.7.0", "Must issue a STARTTLS command first");
}
