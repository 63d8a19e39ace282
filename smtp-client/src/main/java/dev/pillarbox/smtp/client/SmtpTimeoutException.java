package dev.pillarbox.smtp.client;

import java.time.Duration;

/**
 * The server did not answer (or did not take the data) within a {@link Timeouts} limit. The message names the step,
 * the limit and its RFC 5321 source, and what had arrived of an unfinished reply. The connection is closed.
 */
public final class SmtpTimeoutException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    private final transient Duration timeout;

    SmtpTimeoutException(String message, Duration timeout) {
        super(message);
        this.timeout = timeout;
    }

    /** The limit that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
