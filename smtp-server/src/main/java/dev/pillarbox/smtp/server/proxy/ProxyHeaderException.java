package dev.pillarbox.smtp.server.proxy;

/**
 * A PROXY protocol header that is not valid: wrong signature, version, command, family, length or address syntax.
 * The message says what and where; it never echoes more than a few header bytes.
 */
public final class ProxyHeaderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An invalid header, described by {@code message}. */
    public ProxyHeaderException(String message) {
        super(message);
    }
}
