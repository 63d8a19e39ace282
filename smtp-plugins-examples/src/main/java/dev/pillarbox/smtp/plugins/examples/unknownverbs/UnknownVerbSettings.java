package dev.pillarbox.smtp.plugins.examples.unknownverbs;

import dev.pillarbox.smtp.core.Verb;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code unknown-verbs} plugin's settings.
 *
 * @param notImplemented verbs answered {@code 502 5.5.1} (key {@code not-implemented}), upper case
 * @param maxUnknown the unknown verb that reaches this count in a session is answered {@code 421 4.7.0} and the
 *     connection closes (key {@code max-unknown}, default 3)
 */
public record UnknownVerbSettings(Set<String> notImplemented, int maxUnknown) {

    /**
     * Verbs that other servers implement or that RFCs define, which this server does not: TURN (RFC 5321 7.7,
     * obsolete), ETRN (RFC 1985), ATRN (RFC 2645), SAML, SOML and SEND (RFC 821, removed by RFC 5321), XCLIENT
     * (Postfix).
     */
    public static final List<String> DEFAULT_NOT_IMPLEMENTED =
            List.of("TURN", "ETRN", "ATRN", "SAML", "SOML", "SEND", "XCLIENT");

    /** Default for {@link #maxUnknown()}. */
    public static final int DEFAULT_MAX_UNKNOWN = 3;

    /** Validates and normalises the components. */
    public UnknownVerbSettings {
        Set<String> verbs = new LinkedHashSet<>();
        for (String verb : notImplemented) {
            verbs.add(Verb.of(verb).name());
        }
        notImplemented = Set.copyOf(verbs);
        if (maxUnknown < 1) {
            throw new IllegalArgumentException("plugins.unknown-verbs.max-unknown must be at least 1, got "
                    + maxUnknown);
        }
    }

    /** Reads the settings from the server configuration. */
    public static UnknownVerbSettings from(PluginSettings settings) {
        return new UnknownVerbSettings(Set.copyOf(settings.list("not-implemented", DEFAULT_NOT_IMPLEMENTED)),
                settings.integer("max-unknown", DEFAULT_MAX_UNKNOWN));
    }
}
