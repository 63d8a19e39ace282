package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** NOOP (RFC 5321 4.1.1.9): does nothing and answers 250; an argument is allowed and ignored. Valid at any time. */
@Singleton
final class NoopHandler implements CommandHandler {

    @Inject
    NoopHandler() {
    }

    @Override
    public Outcome handle(Session session, Command command) {
        return Outcome.reply(Replies.OK);
    }
}
