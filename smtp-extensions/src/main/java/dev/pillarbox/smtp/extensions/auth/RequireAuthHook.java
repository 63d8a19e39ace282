package dev.pillarbox.smtp.extensions.auth;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Submission (RFC 6409 4.3): on the listeners {@link AuthSettings#authRequiredOn} names, MAIL before a successful
 * AUTH gets {@code 530 5.7.0 Authentication required} (RFC 4954 6). Runs after the require-TLS check (order 20).
 */
@Singleton
final class RequireAuthHook implements MailHook {

    private final AuthSettings settings;

    @Inject
    RequireAuthHook(AuthSettings settings) {
        this.settings = settings;
    }

    @Override
    public HookPosition position() {
        return HookPosition.EARLY;
    }

    @Override
    public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
        if (session.authenticatedIdentity().isEmpty() && settings.authRequiredOn(session.listenerName())) {
            return HookResult.reject(ExtensionReplies.AUTH_REQUIRED);
        }
        return HookResult.next();
    }
}
