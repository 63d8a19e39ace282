package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** HELP (RFC 5321 4.1.1.8): a short 214 text. Valid at any time. */
@Singleton
final class HelpHandler implements CommandHandler {

    @Inject
    HelpHandler() {
    }

    @Override
    public Outcome handle(Session session, Command command) {
        return Outcome.reply(ServerReplies.HELP);
    }
}
