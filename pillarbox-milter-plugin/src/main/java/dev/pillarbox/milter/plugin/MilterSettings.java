package dev.pillarbox.milter.plugin;

import dev.pillarbox.smtp.milter.DefaultAction;
import dev.pillarbox.smtp.milter.FilterConfig;
import dev.pillarbox.smtp.milter.MacroConfig;
import dev.pillarbox.smtp.milter.MacroStage;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The milter plugin's settings: the filters, in the order they run (Postfix's {@code smtpd_milters}), read from
 * {@code plugins.milter.filters} and checked at start-up. Every error names the entry and the key, e.g.
 * {@code plugins.milter.filters[1].default-action: "maybe" is not one of tempfail, accept, reject}.
 *
 * <pre>
 * plugins:
 *   milter:
 *     filters:
 *       - socket: inet:127.0.0.1:11332      # rspamd
 *         default-action: tempfail
 *         command-timeout: 30s
 *       - socket: unix:/run/opendkim/opendkim.sock
 *         default-action: accept
 *         macros: { mail: "i {auth_authen} {mail_addr}" }
 * </pre>
 */
public final class MilterSettings {

    /** The keys of one filter entry. */
    static final Set<String> FILTER_KEYS = Set.of("socket", "default-action", "connect-timeout", "command-timeout",
            "content-timeout", "macros", "max-replaced-body");

    /** The stage names under {@code macros}, as Postfix's {@code milter_<stage>_macros} parameters say them. */
    static final Map<String, MacroStage> MACRO_STAGES = macroStages();

    private final List<FilterConfig> filters;

    private MilterSettings(List<FilterConfig> filters) {
        this.filters = List.copyOf(filters);
    }

    /** Settings with these filters, in order. */
    public static MilterSettings of(List<FilterConfig> filters) {
        if (Objects.requireNonNull(filters, "filters").isEmpty()) {
            throw new IllegalArgumentException("plugins.milter.filters: at least one filter is needed");
        }
        return new MilterSettings(filters);
    }

    /**
     * Reads the plugin's settings.
     *
     * @throws IllegalArgumentException naming the setting, when one is missing, unknown or invalid
     */
    public static MilterSettings from(PluginSettings settings) {
        for (String key : settings.keys()) {
            if (!key.equals("filters")) {
                throw new IllegalArgumentException("plugins." + settings.plugin() + ": unknown key '" + key
                        + "' (known: filters)");
            }
        }
        String where = "plugins." + settings.plugin() + ".filters";
        Object raw = settings.raw("filters").orElseThrow(() -> new IllegalArgumentException(where
                + ": missing; list the filters, e.g. filters: [{socket: inet:127.0.0.1:11332}]"));
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(where + ": expected a list of filters, each with a socket, found "
                    + describe(raw));
        }
        List<FilterConfig> filters = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            filters.add(filter(where + "[" + i + "]", list.get(i)));
        }
        return new MilterSettings(filters);
    }

    /** The filters, in the order each event goes to them. */
    public List<FilterConfig> filters() {
        return filters;
    }

    private static FilterConfig filter(String where, Object entry) {
        if (!(entry instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected the filter's settings (socket, default-action, "
                    + "...), found " + describe(entry));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((k, v) -> values.put(String.valueOf(k), v));
        for (String key : values.keySet()) {
            if (!FILTER_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(FILTER_KEYS)) + ")");
            }
        }
        Object socket = values.get("socket");
        if (socket == null || socket.toString().isBlank()) {
            throw new IllegalArgumentException(where + ".socket: missing (e.g. inet:127.0.0.1:11332 or "
                    + "unix:/run/milter.sock)");
        }
        FilterConfig.Builder builder;
        try {
            builder = FilterConfig.builder(socket.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".socket: " + e.getMessage(), e);
        }
        try {
            if (values.containsKey("default-action")) {
                builder.defaultAction(DefaultAction.parse(String.valueOf(values.get("default-action"))));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".default-action: " + e.getMessage(), e);
        }
        // absent: Postfix's defaults, which FilterConfig keeps (30 s, 30 s, 300 s)
        Duration connect = duration(where, "connect-timeout", values);
        if (connect != null) {
            builder.connectTimeout(connect);
        }
        Duration command = duration(where, "command-timeout", values);
        if (command != null) {
            builder.commandTimeout(command);
        }
        Duration content = duration(where, "content-timeout", values);
        if (content != null) {
            builder.contentTimeout(content);
        }
        if (values.containsKey("max-replaced-body")) {
            PluginSettings one = PluginSettings.of(where.substring("plugins.".length()),
                    Map.of("max-replaced-body", values.get("max-replaced-body")));
            long octets = one.longValue("max-replaced-body", FilterConfig.DEFAULT_MAX_REPLACED_BODY);
            try {
                builder.maxReplacedBody(octets);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".max-replaced-body: " + e.getMessage(), e);
            }
        }
        if (values.get("macros") != null) {
            builder.macros(macros(where + ".macros", values.get("macros")));
        }
        return builder.build();
    }

    private static Duration duration(String where, String key, Map<String, Object> values) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        Duration d;
        try {
            d = PluginSettings.parseDuration(v.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "." + key + ": \"" + v
                    + "\" is not a duration (use e.g. 500ms, 30s, 5m)", e);
        }
        if (d.isZero()) {
            throw new IllegalArgumentException(where + "." + key + ": must be more than 0");
        }
        return d;
    }

    private static MacroConfig macros(String where, Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected names per stage (" + String.join(", ",
                    MACRO_STAGES.keySet()) + "), e.g. mail: \"i {auth_authen}\", found " + describe(raw));
        }
        MacroConfig config = MacroConfig.postfixDefaults();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String stage = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
            MacroStage macroStage = MACRO_STAGES.get(stage);
            if (macroStage == null) {
                throw new IllegalArgumentException(where + ": unknown stage '" + e.getKey() + "' (known: "
                        + String.join(", ", MACRO_STAGES.keySet()) + ")");
            }
            Object names = e.getValue();
            try {
                if (names == null) {
                    config = config.with(macroStage, List.of());
                } else if (names instanceof List<?> l) {
                    config = config.with(macroStage, l.stream().map(String::valueOf).toList());
                } else {
                    config = config.with(macroStage, names.toString());
                }
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + "." + stage + ": " + ex.getMessage(), ex);
            }
        }
        return config;
    }

    private static Map<String, MacroStage> macroStages() {
        Map<String, MacroStage> m = new LinkedHashMap<>();
        m.put("connect", MacroStage.CONNECT);
        m.put("helo", MacroStage.HELO);
        m.put("mail", MacroStage.MAIL);
        m.put("rcpt", MacroStage.RCPT);
        m.put("data", MacroStage.DATA);
        m.put("end-of-header", MacroStage.END_OF_HEADERS);
        m.put("end-of-data", MacroStage.END_OF_MESSAGE);
        m.put("unknown-command", MacroStage.UNKNOWN);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "\"" + value + "\"";
    }

    @Override
    public String toString() {
        return "MilterSettings" + filters;
    }
}
