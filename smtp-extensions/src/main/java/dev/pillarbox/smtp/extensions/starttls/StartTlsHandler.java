package dev.pillarbox.smtp.extensions.starttls;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Set;

/**
 * STARTTLS (RFC 3207 4): after EHLO and outside a mail transaction (else the dispatcher answers 503 5.5.1), without
 * parameters (501), once (503 when TLS is already active). The 220 reply makes the server discard every byte the
 * client pipelined after the command, run the handshake and reset the session (RFC 3207 4.2, 6).
 */
@Singleton
final class StartTlsHandler implements CommandHandler {

    private static final Set<Phase> PHASES = EnumSet.of(Phase.GREETED);

    @Override
    public Set<Phase> acceptedPhases() {
        return PHASES;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        if (command.hasArgument()) {
            return Outcome.reply(ExtensionReplies.TLS_NO_PARAMETERS);
        }
        if (session.isTls()) {
            return Outcome.reply(ExtensionReplies.TLS_ALREADY_ACTIVE);
        }
        return Outcome.replyThenStartTls(ExtensionReplies.TLS_READY);
    }
}
