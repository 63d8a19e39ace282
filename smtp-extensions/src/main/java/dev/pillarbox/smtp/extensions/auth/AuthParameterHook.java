package dev.pillarbox.smtp.extensions.auth;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.extensions.Xtext;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The {@code AUTH=} parameter of MAIL FROM (RFC 4954 5), owned by this plugin: {@code AUTH=<>} or an
 * xtext-encoded mailbox (RFC 3461 4) is accepted, anything else is {@code 501 5.5.4}. The server relays nothing,
 * so the value is only checked, never trusted or passed on.
 */
@Singleton
final class AuthParameterHook implements MailHook {

    @Override
    public HookPosition position() {
        return HookPosition.EARLY;
    }

    @Override
    public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
        if (!parameters.contains("AUTH")) {
            return HookResult.next();
        }
        Optional<String> value = parameters.value("AUTH");
        if (value.isEmpty() || !(value.get().equals("<>") || Xtext.isValid(value.get()))) {
            return HookResult.reject(ExtensionReplies.AUTH_BAD_PARAMETER);
        }
        return HookResult.next();
    }
}
