package dev.pillarbox.smtp.plugins.api;

import java.util.Objects;

/**
 * One setting a plugin reads from its {@link PluginSettings}, as {@link SmtpPlugin#settings()} documents it for the
 * reference server's {@code plugins} command.
 *
 * @param key the key under {@code plugins.<name>}, e.g. {@code delay}
 * @param defaultValue the value when the key is absent, as it would be written in the configuration, or
 *     {@link #REQUIRED} for a key without a default
 * @param description what the setting does, one line
 */
public record PluginSetting(String key, String defaultValue, String description) {

    /** The {@link #defaultValue()} of a setting that must be given. */
    public static final String REQUIRED = "(required)";

    /** Validates the components. */
    public PluginSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (key.isBlank()) {
            throw new IllegalArgumentException("a plugin setting needs a key");
        }
    }

    /** A setting with a default. */
    public static PluginSetting of(String key, String defaultValue, String description) {
        return new PluginSetting(key, defaultValue, description);
    }

    /** A setting that must be given. */
    public static PluginSetting required(String key, String description) {
        return new PluginSetting(key, REQUIRED, description);
    }
}
