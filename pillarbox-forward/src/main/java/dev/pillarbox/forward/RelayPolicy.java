package dev.pillarbox.forward;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Mailbox;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Refuses at RCPT what the gateway would not route, so it is never an open relay: a recipient whose domain has a
 * route of its own is let through for any client; the default route (smarthost) serves only authenticated clients
 * and clients in {@code relay-networks}; anything else gets {@code 550 5.7.1} (RFC 5321 3.6.2, RFC 3463 5.7.1). It
 * runs early and says nothing about recipients it lets through: later hooks still decide.
 */
@Singleton
final class RelayPolicy implements RcptHook {

    private final ForwardSettings settings;

    @Inject
    RelayPolicy(ForwardSettings settings) {
        this.settings = settings;
    }

    @Override
    public HookPosition position() {
        return HookPosition.EARLY;
    }

    @Override
    public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
        Optional<Mailbox> mailbox = forwardPath.mailbox();
        if (mailbox.isEmpty()) {
            // the bare <Postmaster> (RFC 5321 4.5.1): a gateway has no mailbox of its own to put it in
            return settings.postmaster().isPresent() ? HookResult.next()
                    : HookResult.reject(Reply.of(550, "5.1.1", "<Postmaster>: this gateway has no postmaster"
                            + " address (plugins." + ForwardSettings.PLUGIN + ".postmaster)"));
        }
        String domain = mailbox.get().domain().map(d -> d.name()).orElse("");
        if (!domain.isEmpty() && settings.routes().configured(domain).isPresent()) {
            return HookResult.next();
        }
        if (!domain.isEmpty() && settings.routes().defaultRoute().isPresent()
                && (session.authenticatedIdentity().isPresent()
                        || settings.mayRelay(session.remoteAddress().getAddress()))) {
            return HookResult.next();
        }
        return HookResult.reject(Reply.of(550, "5.7.1", "<" + mailbox.get() + ">: relay not permitted"));
    }
}
