package dev.pillarbox.smtp.client;

/**
 * The server closed (or reset) the connection while the client waited for a reply or was sending. The message
 * names what the client was waiting for and quotes what had arrived of the unfinished reply. RFC 5321 3.8 asks a
 * client to treat an unfinished transaction as if it had received 451.
 */
public final class SmtpConnectionClosedException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    SmtpConnectionClosedException(String message) {
        super(message);
    }

    SmtpConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
