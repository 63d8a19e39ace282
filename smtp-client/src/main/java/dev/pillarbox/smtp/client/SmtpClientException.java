package dev.pillarbox.smtp.client;

import java.io.IOException;

/**
 * A failure of the SMTP client whose message says what was expected and what arrived. Most subclasses end the
 * connection ({@link SmtpClient#isUsable()} is false afterwards, and further calls throw
 * {@link IllegalStateException} naming this failure); {@link MessageTooLargeException} and
 * {@link ExtensionNotOfferedException} are raised before anything is sent and leave the connection usable.
 * Negative replies to MAIL, RCPT, DATA or the message are not exceptions but {@link SendResult}s.
 */
public class SmtpClientException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public SmtpClientException(String message) {
        super(message);
    }

    /** An exception with {@code message} and its cause. */
    public SmtpClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
