package dev.pillarbox.smtp.plugins.api;

/**
 * Called by the server when a DATA body or a BDAT chunk has been read into the transaction's message, to decide
 * what follows: built-in DATA and BDAT's last chunk answer {@link Outcome#deliver()} (message hooks, store, 250),
 * BDAT's other chunks a {@code 250} for the chunk.
 */
@FunctionalInterface
public interface BodyCompletion {

    /**
     * Decides the outcome after the body or chunk.
     *
     * @param session the session
     * @param body what the codec saw: size and any limit or line-ending violation
     * @return the outcome, usually a {@link Outcome.Respond}
     */
    Outcome complete(Session session, BodyResult body);
}
