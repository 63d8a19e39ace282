package dev.pillarbox.smtp.plugins.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin's settings from the server configuration, with typed getters whose errors name the plugin,
 * the key, the value and what was expected, e.g.
 * {@code plugins.greylist.delay: "soon" is not a duration (use e.g. 300s, 5m, 1h)}.
 */
public final class PluginSettings {

    private final String plugin;
    private final Map<String, Object> values;

    private PluginSettings(String plugin, Map<String, Object> values) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Settings of {@code plugin}; values are strings, numbers, booleans or lists of those. */
    public static PluginSettings of(String plugin, Map<String, ?> values) {
        return new PluginSettings(plugin, new LinkedHashMap<>(values));
    }

    /** No settings: every getter returns its default. */
    public static PluginSettings empty(String plugin) {
        return new PluginSettings(plugin, Map.of());
    }

    /** The plugin these settings belong to. */
    public String plugin() {
        return plugin;
    }

    /** The keys present. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The raw value, if present. */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A string setting. */
    public String string(String key, String defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : v.toString();
    }

    /** An integer setting. */
    public int integer(String key, int defaultValue) {
        long v = longValue(key, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(key, v, "an integer");
        }
        return (int) v;
    }

    /** A long setting; accepts a plain number or a size with k/m/g suffix (powers of 1024). */
    public long longValue(String key, long defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("k") || s.endsWith("m") || s.endsWith("g")) {
            unit = s.endsWith("k") ? 1024L : s.endsWith("m") ? 1024L * 1024 : 1024L * 1024 * 1024;
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(key, v, "a number (optionally with k, m or g)");
        }
    }

    /** A boolean setting: true/false, yes/no, on/off. */
    public boolean bool(String key, boolean defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on":
                return true;
            case "false": case "no": case "off":
                return false;
            default:
                throw invalid(key, v, "true or false");
        }
    }

    /** A duration: a number with unit ms, s, m, h or d (e.g. 300s, 5m); a bare number is seconds. */
    public Duration duration(String key, Duration defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return parseDuration(v.toString());
        } catch (IllegalArgumentException e) {
            throw invalid(key, v, "a duration (use e.g. 300s, 5m, 1h)");
        }
    }

    /** A list of strings; a single string value is a one-element list, a comma-separated string is split. */
    public List<String> list(String key, List<String> defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                out.add(String.valueOf(o).trim());
            }
        } else {
            for (String part : v.toString().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Parses a duration such as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or a bare number
     * of seconds.
     *
     * @throws IllegalArgumentException if the text is not such a duration
     */
    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            String number = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
            long n = Long.parseLong(number);
            if (n < 0) {
                throw new IllegalArgumentException("negative duration: " + text);
            }
            switch (unit) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default:
                    if (Character.isDigit(unit)) {
                        return Duration.ofSeconds(n);
                    }
                    throw new IllegalArgumentException("unknown duration unit in " + text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + text, e);
        }
    }

    private IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException("plugins." + plugin + "." + key + ": \"" + value + "\" is not "
                + expected);
    }

    @Override
    public String toString() {
        return plugin + values;
    }
}
