package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * RSET (RFC 5321 4.1.1.5): aborts the transaction, including a message being received; HELO, TLS and AUTH state
 * stay. Valid at any time.
 */
@Singleton
final class RsetHandler implements CommandHandler {

    @Inject
    RsetHandler() {
    }

    @Override
    public Outcome handle(Session session, Command command) {
        if (command.hasArgument()) {
            return Outcome.reply(ServerReplies.noArguments("RSET"));
        }
        session.resetTransaction();
        return Outcome.reply(Replies.OK);
    }
}
