package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.BodyCompletion;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * DATA (RFC 5321 4.1.1.4): valid once a recipient was accepted (else 503 5.5.1 from the dispatcher). The DATA
 * hooks may refuse; otherwise the server answers 354, reads the body into the message store and
 * {@link Outcome#deliver()} finishes it (message hooks, commit, {@code 250 2.0.0 OK: queued as <id>}).
 */
@Singleton
final class DataHandler implements CommandHandler {

    private static final Set<Phase> PHASES = EnumSet.of(Phase.HAS_RCPT);

    private static final BodyCompletion DELIVER = (session, body) -> Outcome.deliver();

    private final List<DataHook> hooks;
    private final ServerEvents events;

    @Inject
    DataHandler(Set<DataHook> hooks, ServerEvents events) {
        this.hooks = Hooks.inOrder(hooks);
        this.events = events;
    }

    @Override
    public Set<Phase> acceptedPhases() {
        return PHASES;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        if (command.hasArgument()) {
            return Outcome.reply(ServerReplies.noArguments("DATA"));
        }
        HookResult result = Hooks.firstDecision(hooks, hook -> hook.onData(session), events,
                ServerEvents.HookStage.DATA);
        var refusal = Hooks.refusal(result);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Reply go = Hooks.replyOr(result, Replies.START_MAIL_INPUT);
        // a hook's ACCEPT may carry its own 354 wording; any other positive code cannot start a body
        return Outcome.replyThenBody(go.code().value() / 100 == 3 ? go : Replies.START_MAIL_INPUT,
                DELIVER);
    }
}
