package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The default for verbs nobody bound: 500 5.5.2 (RFC 5321 4.2.4). Replace it with SmtpBinder.unknownVerb. */
@Singleton
final class UnknownVerbHandler implements CommandHandler {

    @Inject
    UnknownVerbHandler() {
    }

    @Override
    public Outcome handle(Session session, Command command) {
        return Outcome.reply(Replies.COMMAND_UNRECOGNIZED);
    }
}
