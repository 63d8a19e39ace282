package dev.pillarbox.smtp.extensions.starttls;

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
 * Refuses MAIL FROM before TLS on the listeners where {@link TlsSettings#tlsRequiredOn} says so, with
 * {@code 530 5.7.0 Must issue a STARTTLS command first} (RFC 3207 4). Runs early (order 10): there is no point in
 * checking a sender on a connection that may not send yet. RFC 3207 4 forbids this on a publicly-referenced MX;
 * it is meant for submission and internal listeners.
 */
@Singleton
final class RequireTlsHook implements MailHook {

    private final TlsSettings settings;

    @Inject
    RequireTlsHook(TlsSettings settings) {
        this.settings = settings;
    }

    @Override
    public HookPosition position() {
        return HookPosition.FIRST;
    }

    @Override
    public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
        if (!session.isTls() && settings.tlsRequiredOn(session.listenerName())) {
            return HookResult.reject(ExtensionReplies.TLS_REQUIRED);
        }
        return HookResult.next();
    }
}
