package dev.pillarbox.smtp.plugins.api;

import dev.pillarbox.smtp.core.Command;
import java.util.Set;

/**
 * Handles one or more SMTP verbs. Handlers are stateless singletons shared by all sessions: per-session
 * state lives in the {@link Session} (its envelope and typed attributes).
 *
 * <p>Bind one with {@link SmtpBinder#verb}; replace a built-in verb with {@link SmtpBinder#replaceVerb}.
 * A handler that must refuse throws {@link SmtpRejection} or returns {@link Outcome#reply}; any other
 * exception is a bug and makes the server answer {@code 421 4.3.0} and close, without echoing the text.
 */
public interface CommandHandler {

    /**
     * Decides what happens with {@code command}.
     *
     * @param session the session the command arrived on
     * @param command the verb and its raw argument
     * @return what the server does next; never null
     * @throws SmtpRejection to answer with the rejection's reply
     */
    Outcome handle(Session session, Command command);

    /**
     * The phases in which this verb is valid; in any other the dispatcher answers {@code 503 5.5.1 Bad
     * sequence of commands} without calling {@link #handle}. Defaults to every phase.
     */
    default Set<Phase> acceptedPhases() {
        return Phase.ANY;
    }
}
