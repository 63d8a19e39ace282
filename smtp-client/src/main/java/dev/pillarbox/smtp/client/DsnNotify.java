package dev.pillarbox.smtp.client;

/** The values of RCPT's NOTIFY parameter (RFC 3461 4.1): when the recipient's delivery status is reported. */
public enum DsnNotify {
    /** No notification at all; cannot be combined with the others. */
    NEVER,
    /** On successful delivery. */
    SUCCESS,
    /** On failure. */
    FAILURE,
    /** When delivery is delayed. */
    DELAY
}
