package dev.pillarbox.smtp.client;

/**
 * TLS could not be established: STARTTLS was required but not offered, the handshake failed (an untrusted
 * certificate, a certificate for another host name, no common protocol), or the server sent plain-text data after
 * its 220 to STARTTLS (a command injection attempt). The connection is closed.
 */
public final class SmtpTlsException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    SmtpTlsException(String message) {
        super(message);
    }

    SmtpTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
