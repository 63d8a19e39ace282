package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.api.UnknownCommandHook;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * The default for verbs nobody bound: 500 5.5.2 (RFC 5321 4.2.4), or the reply of an {@link UnknownCommandHook} that
 * refuses the command (as Postfix answers with a milter's reply to SMFIC_UNKNOWN). Replace it with
 * SmtpBinder.unknownVerb.
 */
@Singleton
final class UnknownVerbHandler implements CommandHandler {

    private final List<UnknownCommandHook> hooks;
    private final ServerEvents events;

    @Inject
    UnknownVerbHandler(Set<UnknownCommandHook> hooks, ServerEvents events) {
        this.hooks = Hooks.inOrder(hooks);
        this.events = events;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        String line = command.toString();
        HookResult result = Hooks.firstDecision(hooks, hook -> hook.onUnknownCommand(session, line), events,
                ServerEvents.HookStage.UNKNOWN_COMMAND);
        return Hooks.refusal(result).orElse(Outcome.reply(Replies.COMMAND_UNRECOGNIZED));
    }
}
