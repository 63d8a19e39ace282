package dev.pillarbox.smtp.plugins.api;

/**
 * The shared {@link PolicyState} could not answer in time (unreachable, timed out, refused the command). Each
 * feature then follows its {@link StateFailureMode}.
 */
public final class PolicyStateException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure with its cause. */
    public PolicyStateException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure without a cause. */
    public PolicyStateException(String message) {
        super(message);
    }
}
