package dev.pillarbox.smtp.client;

/**
 * The server broke the protocol: a malformed or multi-line-confused reply, a code outside RFC 5321 4.2's grammar, a
 * reply that makes no sense at that point (e.g. 354 to MAIL), or data sent where none may be. The message quotes
 * what arrived. The connection is closed, since client and server no longer agree on where the dialogue is.
 */
public final class SmtpProtocolException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    SmtpProtocolException(String message) {
        super(message);
    }

    SmtpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
