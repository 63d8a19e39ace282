package dev.pillarbox.smtp.plugins.api;

/**
 * Called by the server when a DATA body or a BDAT chunk has been read into the session's message, to
 * decide the reply. Built-in DATA and BDAT finish the message here (message hooks, commit, 250).
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
