package dev.pillarbox.smtp.server;

/**
 * What the server does with improper pipelining (RFC 2920): input that arrives before the 220 greeting, after a
 * command that must end a pipeline group (EHLO/HELO, DATA before its 354), or any pipelining by a client that was
 * not offered PIPELINING (greeted with HELO). Spam bots and SMTP smuggling attempts do this; real clients do not.
 */
public enum PipeliningPolicy {
    /** Answer {@code 554 5.5.0 Improper use of SMTP command pipelining} and close, as Postfix 3.9+ does. */
    REJECT,
    /** Log the violation at INFO and go on. */
    LOG_ONLY
}
