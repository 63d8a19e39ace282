package dev.pillarbox.smtp.extensions;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks {@code BODY=value} on MAIL FROM: the value (case-insensitive, RFC 6152 2) must be one an enabled
 * extension defines, else {@code 501 5.5.4} listing the accepted ones.
 */
@Singleton
final class BodyParameterHook implements MailHook {

    static final String BODY = "BODY";

    private final Set<String> values;
    private final String allowed;

    @Inject
    BodyParameterHook(@BodyValues Set<String> values) {
        this.values = Set.copyOf(values);
        this.allowed = String.join(", ", new TreeSet<>(values));
    }

    @Override
    public HookPosition position() {
        return HookPosition.FIRST;
    }

    @Override
    public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
        Optional<String> body = Extensions.value(parameters, BODY);
        if (body.isPresent() && !values.contains(body.get().toUpperCase(Locale.ROOT))) {
            return HookResult.reject(ExtensionReplies.bodyInvalid(allowed));
        }
        return HookResult.next();
    }
}
