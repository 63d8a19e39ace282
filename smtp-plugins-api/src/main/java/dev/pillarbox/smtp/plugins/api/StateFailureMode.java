package dev.pillarbox.smtp.plugins.api;

import java.util.Locale;

/**
 * What a feature does when its shared {@link PolicyState} cannot answer: let the client through (and log), or
 * answer a temporary failure ({@code 451 4.3.0}: X.3.0 is "other or undefined mail system status", RFC 3463
 * 3.4) so a legitimate client retries later (RFC 5321 4.5.4.1). Configured per feature with the key {@code state-failure}.
 */
public enum StateFailureMode {
    /** Log and allow, as if the policy had passed. */
    OPEN,
    /** Answer a 4yz temporary failure. */
    CLOSED;

    /** The setting key every feature reads. */
    public static final String KEY = "state-failure";

    /** Reads {@code state-failure} ({@code open} or {@code closed}) from a plugin's settings. */
    public static StateFailureMode from(PluginSettings settings, StateFailureMode defaultMode) {
        String value = settings.string(KEY, null);
        if (value == null) {
            return defaultMode;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "open":
                return OPEN;
            case "closed":
                return CLOSED;
            default:
                throw new IllegalArgumentException("plugins." + settings.plugin() + "." + KEY + ": \"" + value
                        + "\" is not open or closed");
        }
    }

    /** The name used in configuration. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
