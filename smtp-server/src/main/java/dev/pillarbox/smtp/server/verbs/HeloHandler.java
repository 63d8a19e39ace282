package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.HeloHook;
import dev.pillarbox.smtp.plugins.api.Hook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.server.ServerReplies;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * HELO (RFC 5321 4.1.1.1): the client names itself without asking for extensions. Valid at any time; it resets
 * any transaction (4.1.4). The client is not offered PIPELINING, so it must wait for every reply (RFC 2920).
 */
@Singleton
final class HeloHandler implements CommandHandler {

    private final List<HeloHook> hooks;

    @Inject
    HeloHandler(Set<HeloHook> hooks) {
        this.hooks = Hook.inOrder(hooks);
    }

    @Override
    public Outcome handle(Session session, Command command) {
        return greet(session, command, hooks, false, ServerReplies.helo(session.serverName()));
    }

    /** The shared HELO/EHLO path: argument check, HELO hooks, then the session is greeted. */
    static Outcome greet(Session session, Command command, List<HeloHook> hooks, boolean extended,
            dev.pillarbox.smtp.core.Reply positive) {
        String name = command.argument().trim();
        if (name.isEmpty()) {
            return Outcome.reply(ServerReplies.HELO_NEEDS_DOMAIN);
        }
        HookResult result = HookResult.firstDecision(hooks, hook -> hook.onHelo(session, name, extended));
        var refusal = result.refusal();
        if (refusal.isPresent()) {
            return refusal.get();
        }
        session.greet(name, extended);
        return Outcome.reply(result.replyOr(positive));
    }
}
