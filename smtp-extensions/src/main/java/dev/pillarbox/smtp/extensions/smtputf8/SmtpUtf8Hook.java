package dev.pillarbox.smtp.extensions.smtputf8;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.extensions.Extensions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Checks that {@code SMTPUTF8} on MAIL FROM has no value (RFC 6531 3.4), else {@code 501 5.5.4}. */
@Singleton
final class SmtpUtf8Hook implements MailHook {

    static final String SMTPUTF8 = "SMTPUTF8";

    @Inject
    SmtpUtf8Hook() {
    }

    @Override
    public HookPosition position() {
        return HookPosition.FIRST;
    }

    @Override
    public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
        if (parameters.value(SMTPUTF8).map(v -> !v.isEmpty()).orElse(false)) {
            return HookResult.reject(ExtensionReplies.SMTPUTF8_TAKES_NO_VALUE);
        }
        return HookResult.next();
    }
}
