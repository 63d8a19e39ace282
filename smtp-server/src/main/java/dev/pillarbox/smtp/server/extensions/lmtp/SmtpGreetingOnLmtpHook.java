package dev.pillarbox.smtp.server.extensions.lmtp;

import dev.pillarbox.smtp.plugins.api.HeloHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.server.extensions.ExtensionReplies;
import dev.pillarbox.smtp.server.extensions.Extensions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Refuses HELO and EHLO on an LMTP listener with {@code 500 5.5.1} (RFC 2033 4.1). {@link LhloHandler} runs the
 * other HELO hooks without this one, since the hook itself cannot tell LHLO from EHLO.
 */
@Singleton
final class SmtpGreetingOnLmtpHook implements HeloHook {

    @Inject
    SmtpGreetingOnLmtpHook() {
    }

    @Override
    public int order() {
        return Extensions.PARAMETER_CHECK_ORDER;
    }

    @Override
    public HookResult onHelo(SessionView session, String heloName, boolean extended) {
        if (session.protocol() == Protocol.LMTP) {
            return HookResult.reject(ExtensionReplies.LMTP_NEEDS_LHLO);
        }
        return HookResult.next();
    }
}
