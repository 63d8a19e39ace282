package dev.pillarbox.server.rabbitmq;

import java.io.IOException;
import java.util.Objects;

/**
 * The broker did not take a message: the session answers {@code 451 4.3.0} and goes on (the store's
 * {@link IOException} contract), and the client retries later.
 */
public final class PublishException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why the broker did not take it. */
    public enum Reason {
        /** The broker answered basic.nack (it could not store the message, e.g. a quorum queue without quorum). */
        NACKED,
        /** The broker returned the mandatory message: no queue is bound for its routing key. */
        UNROUTABLE,
        /** No confirm came within the confirm timeout. */
        TIMEOUT,
        /** No connection or channel, or it closed while the message was on its way. */
        CONNECTION
    }

    private final Reason reason;

    /** A failure for {@code reason}; the message starts with the reason (e.g. {@code unroutable: ...}), for the log. */
    public PublishException(Reason reason, String message, Throwable cause) {
        super(reason.name().toLowerCase(java.util.Locale.ROOT) + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the broker did not take the message. */
    public Reason reason() {
        return reason;
    }
}
