package dev.pillarbox.smtp.server.verbs;

import com.google.inject.name.Named;
import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.RcptArguments;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * RCPT TO (RFC 5321 4.1.1.3): adds a recipient. Valid after MAIL. The argument must parse (501 5.5.4), its
 * parameters be owned by an enabled extension (555 5.5.4), UTF-8 only in an SMTPUTF8 transaction (553 5.6.7),
 * at most the configured maximum of recipients (452 4.5.3, RFC 5321 4.5.3.1.10), then the RCPT
 * hooks decide.
 */
@Singleton
final class RcptHandler implements CommandHandler {

    private static final Set<Phase> PHASES = EnumSet.of(Phase.IN_MAIL, Phase.HAS_RCPT);

    private final List<RcptHook> hooks;
    private final ServerEvents events;
    private final Set<String> ownedParameters;
    private final int maxRecipients;

    @Inject
    RcptHandler(Set<RcptHook> hooks, @Named(ExtensionPoints.RCPT_PARAMETERS) Set<String> ownedParameters,
            @Named(Rfc5321VerbsModule.MAX_RECIPIENTS) int maxRecipients, ServerEvents events) {
        this.hooks = Hooks.inOrder(hooks);
        this.events = events;
        this.ownedParameters = Set.copyOf(ownedParameters);
        this.maxRecipients = maxRecipients;
    }

    @Override
    public Set<Phase> acceptedPhases() {
        return PHASES;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        Envelope envelope = session.envelope();
        boolean utf8 = envelope.mailParameters().contains("SMTPUTF8");
        RcptArguments arguments;
        try {
            arguments = RcptArguments.parse(command.argument(), utf8);
        } catch (AddressSyntaxException e) {
            return Outcome.reply(ArgumentErrors.reply("RCPT TO", e));
        }
        ArgumentErrors.requireOwned(arguments.parameters(), ownedParameters);
        if (envelope.recipients().size() >= maxRecipients) {
            return Outcome.reply(Replies.TOO_MANY_RECIPIENTS);
        }
        HookResult result = Hooks.firstDecision(hooks,
                hook -> hook.onRcpt(session, arguments.forwardPath(), arguments.parameters()), events,
                ServerEvents.HookStage.RCPT);
        var refusal = Hooks.refusal(result);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        session.envelope(envelope.withRecipient(new Recipient(arguments.forwardPath(), arguments.parameters())));
        return Outcome.reply(Hooks.replyOr(result, Replies.RECIPIENT_OK));
    }
}
