package dev.pillarbox.smtp.client;

/** The values of MAIL's RET parameter (RFC 3461 4.3): how much of the message a failure notification returns. */
public enum DsnReturn {
    /** The whole message. */
    FULL,
    /** The headers only. */
    HDRS
}
