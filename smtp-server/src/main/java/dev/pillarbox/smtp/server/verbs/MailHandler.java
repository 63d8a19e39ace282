package dev.pillarbox.smtp.server.verbs;

import com.google.inject.name.Named;
import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.MailArguments;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Phase;
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
 * MAIL FROM (RFC 5321 4.1.1.2): starts a transaction. Valid only after HELO/EHLO and outside a transaction
 * (4.1.4: a second MAIL needs RSET first; the dispatcher answers 503 5.5.1). The argument must parse
 * (501 5.5.4 with the reason), every parameter must be owned by an enabled extension (555 5.5.4), UTF-8 needs
 * the SMTPUTF8 parameter of an enabled SMTPUTF8 extension (553 5.6.7), then the MAIL hooks decide.
 */
@Singleton
final class MailHandler implements CommandHandler {

    private static final Set<Phase> PHASES = EnumSet.of(Phase.GREETED);

    private final List<MailHook> hooks;
    private final ServerEvents events;
    private final Set<String> ownedParameters;
    private final boolean smtpUtf8;

    @Inject
    MailHandler(Set<MailHook> hooks, @Named(ExtensionPoints.MAIL_PARAMETERS) Set<String> ownedParameters,
            ServerEvents events) {
        this.hooks = Hooks.inOrder(hooks);
        this.events = events;
        this.ownedParameters = Set.copyOf(ownedParameters);
        this.smtpUtf8 = ownedParameters.contains("SMTPUTF8");
    }

    @Override
    public Set<Phase> acceptedPhases() {
        return PHASES;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        MailArguments arguments;
        try {
            arguments = MailArguments.parse(command.argument(), smtpUtf8);
        } catch (AddressSyntaxException e) {
            return Outcome.reply(ArgumentErrors.reply("MAIL FROM", e));
        }
        ArgumentErrors.requireOwned(arguments.parameters(), ownedParameters);
        HookResult result = Hooks.firstDecision(hooks,
                hook -> hook.onMail(session, arguments.reversePath(), arguments.parameters()), events,
                ServerEvents.HookStage.MAIL);
        var refusal = Hooks.refusal(result);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        session.envelope(Envelope.of(arguments.reversePath(), arguments.parameters()));
        return Outcome.reply(Hooks.replyOr(result, Replies.SENDER_OK));
    }
}
