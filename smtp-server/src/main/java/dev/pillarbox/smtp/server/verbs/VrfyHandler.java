package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * VRFY (RFC 5321 4.1.1.6): answers 252 2.5.0, neither confirming nor denying the address (3.5.3); confirming would
 * help address harvesting (7.3). A plugin with a directory may replace it.
 */
@Singleton
final class VrfyHandler implements CommandHandler {

    @Inject
    VrfyHandler() {
    }

    @Override
    public Outcome handle(Session session, Command command) {
        if (!command.hasArgument()) {
            return Outcome.reply(ServerReplies.VRFY_NEEDS_ARGUMENT);
        }
        return Outcome.reply(Replies.CANNOT_VRFY);
    }
}
