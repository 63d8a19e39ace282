package dev.pillarbox.smtp.extensions;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.plugins.api.EhloCapability;
import java.util.Locale;
import java.util.Optional;

/**
 * What the extensions share: small helpers over the public API. (The hooks that check an extension's parameters run
 * at {@code HookPosition.FIRST}, before any policy hook, because a syntax error is answered before a policy
 * decision.)
 */
public final class Extensions {

    private Extensions() {
    }

    /** A capability that always offers {@code keyword}, e.g. {@code "8BITMIME"}. */
    public static EhloCapability keyword(String keyword) {
        Optional<String> line = Optional.of(keyword);
        return session -> line;
    }

    /**
     * The value of {@code keyword} in {@code parameters}: empty if the keyword is absent, {@code ""} if it was given
     * without a value (which {@link EsmtpParameters#value} does not distinguish from absent).
     */
    public static Optional<String> value(EsmtpParameters parameters, String keyword) {
        if (!parameters.contains(keyword)) {
            return Optional.empty();
        }
        return Optional.of(parameters.value(keyword).orElse(""));
    }

    /** The upper-cased value of {@code keyword} in {@code parameters}, if present. */
    public static Optional<String> upperValue(EsmtpParameters parameters, String keyword) {
        return parameters.value(keyword).map(v -> v.toUpperCase(Locale.ROOT));
    }
}
