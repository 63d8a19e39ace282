package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.Reply;
import java.util.Objects;

/**
 * A negative reply the session cannot go on after: a greeting other than 220 (e.g. {@code 554 No SMTP service
 * here}), EHLO and HELO both refused, 421 (the server is closing the channel), or STARTTLS refused when TLS is
 * required. The connection is closed.
 */
public class SmtpReplyException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    SmtpReplyException(String message, Reply reply) {
        super(message);
        this.reply = Objects.requireNonNull(reply, "reply");
    }

    /** The reply. */
    public Reply reply() {
        return reply;
    }
}
