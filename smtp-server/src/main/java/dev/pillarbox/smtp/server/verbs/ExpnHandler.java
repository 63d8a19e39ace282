package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * EXPN (RFC 5321 4.1.1.7): answers 502 5.5.1; list expansion discloses members and RFC 5321 7.3 lets a site
 * disable it. A plugin may replace it.
 */
@Singleton
final class ExpnHandler implements CommandHandler {

    @Inject
    ExpnHandler() {
    }

    @Override
    public Outcome handle(Session session, Command command) {
        return Outcome.reply(ServerReplies.EXPN_DISABLED);
    }
}
