package dev.pillarbox.smtp.plugins.api;

/** The protocol a listener speaks. */
public enum Protocol {
    /** SMTP (RFC 5321), greeted by HELO or EHLO, one reply after the body. */
    SMTP,
    /** LMTP (RFC 2033), greeted by LHLO, one reply per accepted recipient after the body. */
    LMTP
}
