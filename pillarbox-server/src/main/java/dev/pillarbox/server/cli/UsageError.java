package dev.pillarbox.server.cli;

/**
 * A command's options cannot be used as given (they contradict each other, a file they name cannot be read); the
 * message names the option and the problem. The commands print it and exit with {@link Main#USAGE_ERROR}.
 */
final class UsageError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
