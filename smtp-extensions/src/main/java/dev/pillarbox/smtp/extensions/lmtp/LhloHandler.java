package dev.pillarbox.smtp.extensions.lmtp;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.EhloCapability;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * LHLO (RFC 2033 4.1): on an LMTP listener, greets like EHLO (any time; it resets the transaction) and answers
 * {@code 250} with the server's name, {@code PIPELINING} (which the connection loop implements, and which RFC 2033
 * 5 requires) and the keywords of the enabled extensions. Its argument is checked as EHLO's is (the configured
 * {@link HeloNamePolicy}; U-labels only with SMTPUTF8 on offer). On an SMTP listener it is an unknown verb:
 * {@code 500 5.5.2}.
 */
@Singleton
final class LhloHandler implements CommandHandler {

    static final String LHLO = "LHLO";
    private static final String PIPELINING = "PIPELINING";
    private static final String SMTPUTF8 = "SMTPUTF8";

    private final List<HeloHook> hooks;
    private final List<EhloCapability> capabilities;
    private final HeloNamePolicy names;
    private final ServerEvents events;

    @Inject
    LhloHandler(Set<HeloHook> hooks, Set<EhloCapability> capabilities, HeloNamePolicy names,
            ServerEvents events) {
        this.hooks = Hooks.inOrder(hooks);
        this.events = events;
        this.capabilities = List.copyOf(capabilities);
        this.names = names;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        if (session.protocol() != Protocol.LMTP) {
            return Outcome.reply(Replies.COMMAND_UNRECOGNIZED);
        }
        List<String> lines = lhloLines(session);
        String name = command.argument().trim();
        Optional<Reply> refused = names.refusal(name, lines.subList(1, lines.size()).contains(SMTPUTF8));
        if (refused.isPresent()) {
            return Outcome.reply(refused.get());
        }
        HookResult result = Hooks.firstDecision(hooks, hook -> hook.onHelo(session, name, true), events,
                ServerEvents.HookStage.HELO);
        var refusal = Hooks.refusal(result);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        session.greet(name, true);
        return Outcome.reply(Hooks.replyOr(result, ExtensionReplies.lhlo(lines)));
    }

    private List<String> lhloLines(Session session) {
        List<String> lines = new ArrayList<>(capabilities.size() + 2);
        lines.add(session.serverName());
        lines.add(PIPELINING);
        for (EhloCapability capability : capabilities) {
            capability.keyword(session).ifPresent(lines::add);
        }
        return lines;
    }
}
