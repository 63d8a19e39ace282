package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** QUIT (RFC 5321 4.1.1.10): answers 221 and closes; a transaction in progress is aborted. Valid at any time. */
@Singleton
final class QuitHandler implements CommandHandler {

    @Inject
    QuitHandler() {
    }

    @Override
    public Outcome handle(Session session, Command command) {
        if (command.hasArgument()) {
            return Outcome.reply(ServerReplies.noArguments("QUIT"));
        }
        // an open transaction ends with the connection (TransactionEnd.DISCONNECTED), not as a reset
        return Outcome.replyThenClose(Replies.CLOSING);
    }
}
