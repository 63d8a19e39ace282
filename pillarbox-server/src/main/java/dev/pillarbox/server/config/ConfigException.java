package dev.pillarbox.server.config;

/**
 * The configuration is invalid; the message names the key (and where the value came from when it was not
 * the file) and says what is wrong, e.g. {@code limits.max-recipients: "lots" is not a number}. The
 * reference server prints it and exits with status 2.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An error with this message. */
    public ConfigException(String message) {
        super(message);
    }

    /** An error with this message, caused by {@code cause}. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
