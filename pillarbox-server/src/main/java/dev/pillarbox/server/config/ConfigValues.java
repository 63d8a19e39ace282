package dev.pillarbox.server.config;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.server.Networks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The raw configuration values by key, from the file, the environment and the flags (the last one read wins), and
 * their conversion into typed values: every error names the key, where the value came from, the value and what is
 * allowed.
 */
final class ConfigValues {

    /** A raw value and where it came from: null for the file, else an environment variable or a flag. */
    record Raw(Object value, String source) {
    }

    private final Map<String, Raw> values = new LinkedHashMap<>();

    /** Sets {@code key}; a later source overrides an earlier one. */
    void put(String key, Raw raw) {
        values.put(key, raw);
    }

    Raw get(String key) {
        Raw raw = values.get(key);
        return raw == null || raw.value() == null ? null : raw;
    }

    String string(String key, String defaultValue) throws ConfigException {
        Raw raw = get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (raw.value() instanceof Map || raw.value() instanceof List) {
            throw invalid(key, raw.source(), raw.value(), "is not a single value");
        }
        return String.valueOf(raw.value()).strip();
    }

    int integer(String key, int defaultValue) throws ConfigException {
        Raw raw = get(key);
        if (raw == null) {
            return defaultValue;
        }
        long v = number(key, raw.value(), raw.source());
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw invalid(key, raw.source(), raw.value(), "is too large");
        }
        return (int) v;
    }

    int positive(String key, int defaultValue) throws ConfigException {
        int v = integer(key, defaultValue);
        if (v <= 0) {
            throw invalid(key, get(key).source(), get(key).value(), "is not a positive number");
        }
        return v;
    }

    /** A number where 0 switches the setting off. */
    int zeroOrPositive(String key, int defaultValue) throws ConfigException {
        int v = integer(key, defaultValue);
        if (v < 0) {
            throw invalid(key, get(key).source(), get(key).value(), "is not 0 (off) or a positive number");
        }
        return v;
    }

    long number(String key, Object value, String source) throws ConfigException {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        String s = String.valueOf(value).strip();
        if (!s.matches("-?[0-9]{1,18}")) {
            throw invalid(key, source, value, "is not a number");
        }
        return Long.parseLong(s);
    }

    long size(String key, long defaultValue) throws ConfigException {
        Raw raw = get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (raw.value() instanceof Integer || raw.value() instanceof Long) {
            return ((Number) raw.value()).longValue();
        }
        String s = String.valueOf(raw.value()).strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!s.isEmpty() && "kmg".indexOf(s.charAt(s.length() - 1)) >= 0) {
            char c = s.charAt(s.length() - 1);
            unit = c == 'k' ? 1024L : c == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
            s = s.substring(0, s.length() - 1);
        }
        if (!s.matches("[0-9]{1,15}")) {
            throw invalid(key, raw.source(), raw.value(), "is not a size (use e.g. 10485760, 512k, 10m, 1g)");
        }
        return Long.parseLong(s) * unit;
    }

    Duration duration(String key, Duration defaultValue, boolean zeroAllowed) throws ConfigException {
        Raw raw = get(key);
        if (raw == null) {
            return defaultValue;
        }
        Duration d;
        try {
            d = PluginSettings.parseDuration(String.valueOf(raw.value()));
        } catch (IllegalArgumentException e) {
            throw invalid(key, raw.source(), raw.value(), "is not a duration (use e.g. 300s, 5m, 1h)");
        }
        if (d.isZero() && !zeroAllowed) {
            throw invalid(key, raw.source(), raw.value(), "is not a positive duration");
        }
        return d;
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) throws ConfigException {
        Raw raw = get(key);
        return raw == null ? defaultValue : enumValue(key, raw.value(), raw.source(), type);
    }

    static <E extends Enum<E>> E enumValue(String key, Object value, String source, Class<E> type)
            throws ConfigException {
        String s = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String name = ReferenceConfig.configName(e);
            if (name.equals(s)) {
                return e;
            }
            names.add(name);
        }
        throw invalid(key, source, value, "is not one of " + String.join(", ", names));
    }

    List<String> list(String key) throws ConfigException {
        Raw raw = get(key);
        if (raw == null) {
            return List.of();
        }
        List<?> items = raw.value() instanceof List ? (List<?>) raw.value() : splitList(raw.value());
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (item == null || item instanceof Map || item instanceof List) {
                throw invalid(key, raw.source(), item, "is not a single value");
            }
            String s = String.valueOf(item).strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    static List<String> splitList(Object value) {
        List<String> out = new ArrayList<>();
        for (String part : String.valueOf(value).split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }


    ConfigException invalid(String key, Object value, String problem) {
        Raw raw = values.get(key);
        return invalid(key, raw == null ? null : raw.source(), value, problem);
    }

    static ConfigException invalid(String key, String source, Object value, String problem) {
        return new ConfigException(where(key, source) + ": \"" + value + "\" " + problem);
    }

    /** {@code key}, {@code --flag} or {@code PILLARBOX_KEY (key)}: how the operator spelled the setting. */
    static String where(String key, String source) {
        if (source == null) {
            return key;
        }
        return source.startsWith("-") ? source : source + " (" + key + ")";
    }

    static String describe(Object value) {
        if (value instanceof Map) {
            return "keys " + ((Map<?, ?>) value).keySet();
        }
        if (value instanceof List) {
            return "a list";
        }
        return "\"" + value + "\"";
    }

    /** A listener's true/false key; absent is false. */
    static boolean flag(String key, Object value, String source) throws ConfigException {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        switch (String.valueOf(value).strip().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on":
                return true;
            case "false": case "no": case "off":
                return false;
            default:
                throw invalid(key, source, value, "is not true or false");
        }
    }

    /** A list of IP networks in CIDR notation: a YAML list, or comma-separated. */
    static Networks networks(String key, Object value, String source) throws ConfigException {
        List<?> items = value instanceof List ? (List<?>) value : splitList(value);
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
            if (item == null || item instanceof Map || item instanceof List) {
                throw invalid(key, source, item, "is not an IP address or network (e.g. 192.0.2.0/24, ::1)");
            }
            texts.add(String.valueOf(item));
        }
        try {
            return Networks.parse(texts);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where(key, source) + ": " + e.getMessage(), e);
        }
    }
}
