package dev.pillarbox.server.config;

import java.util.Objects;

/**
 * A value given outside the configuration file, which wins over it: a command-line flag.
 *
 * @param key the configuration key, e.g. {@code listeners}
 * @param value a string, or a list of strings for list keys
 * @param source what the operator typed, e.g. {@code --listen}, named in error messages
 */
public record ConfigOverride(String key, Object value, String source) {

    /** Validates the components. */
    public ConfigOverride {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}
