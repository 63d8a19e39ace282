package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.Reply;
import java.util.Optional;

/**
 * AUTH failed (RFC 4954): the server refused the credentials or the mechanism (the reply says which), none of the
 * allowed mechanisms is offered, PLAIN or LOGIN would send the password without TLS, or the server's SCRAM signature
 * did not verify, which means the server does not know the password (RFC 5802 5.1). The connection is closed.
 */
public final class SmtpAuthenticationException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    SmtpAuthenticationException(String message, Reply reply) {
        super(message);
        this.reply = reply;
    }

    /** The server's refusal, if it sent one. */
    public Optional<Reply> reply() {
        return Optional.ofNullable(reply);
    }
}
