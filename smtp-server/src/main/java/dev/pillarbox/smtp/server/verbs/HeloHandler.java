package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.HeloHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.spi.HeloNamePolicy;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * HELO (RFC 5321 4.1.1.1): the client names itself without asking for extensions. Valid at any time; it resets
 * any transaction (4.1.4). The client is not offered PIPELINING, so it must wait for every reply (RFC 2920).
 * The name is checked by the configured {@link HeloNamePolicy}; without SMTPUTF8 on offer it must be ASCII.
 */
@Singleton
final class HeloHandler implements CommandHandler {

    private final List<HeloHook> hooks;
    private final ServerEvents events;
    private final HeloNamePolicy names;

    @Inject
    HeloHandler(Set<HeloHook> hooks, HeloNamePolicy names, ServerEvents events) {
        this.hooks = Hooks.inOrder(hooks);
        this.events = events;
        this.names = names;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        return greet(session, command, hooks, events, names, false, false, ServerReplies.helo(session.serverName()));
    }

    /**
     * The shared HELO/EHLO path: refused on an LMTP listener, then the name check, the HELO hooks, and the session
     * is greeted. The refusal on LMTP listeners is the server's own rather than a hook's, so that no hook can let a
     * session greet with HELO or EHLO there and then get LMTP's per-recipient replies it does not expect.
     */
    static Outcome greet(Session session, Command command, List<HeloHook> hooks, ServerEvents events,
            HeloNamePolicy names, boolean extended, boolean utf8Allowed, Reply positive) {
        if (session.protocol() == Protocol.LMTP) {
            return Outcome.reply(ServerReplies.LMTP_NEEDS_LHLO); // RFC 2033 4.1
        }
        String name = command.argument().trim();
        Optional<Reply> refused = names.refusal(name, utf8Allowed);
        if (refused.isPresent()) {
            return Outcome.reply(refused.get());
        }
        HookResult result = Hooks.firstDecision(hooks, hook -> hook.onHelo(session, name, extended), events,
                ServerEvents.HookStage.HELO);
        var refusal = Hooks.refusal(result);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        session.greet(name, extended);
        return Outcome.reply(Hooks.replyOr(result, positive));
    }
}
