package dev.pillarbox.smtp.plugins.api;

import dev.pillarbox.smtp.core.Reply;
import java.util.Objects;

/**
 * Thrown by a handler or hook to answer the client with {@link #reply()}. It is a client-visible outcome,
 * not an error: the server writes the reply, logs nothing and goes on. Carries no stack trace.
 */
public final class SmtpRejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    /** A rejection answered with {@code reply}, which must be negative (4yz or 5yz). */
    public SmtpRejection(Reply reply) {
        super(Objects.requireNonNull(reply, "reply").toString(), null, false, false);
        if (reply.isPositive()) {
            throw new IllegalArgumentException("a rejection needs a 4yz or 5yz reply, got " + reply.code());
        }
        this.reply = reply;
    }

    /** The reply the client gets. */
    public Reply reply() {
        return reply;
    }
}
