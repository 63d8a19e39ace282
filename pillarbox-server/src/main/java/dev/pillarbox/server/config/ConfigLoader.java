package dev.pillarbox.server.config;

import dev.pillarbox.smtp.codec.CodecLimits;
import dev.pillarbox.smtp.codec.LineEndingPolicy;
import dev.pillarbox.smtp.codec.LongLinePolicy;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.spi.HeloNamePolicy;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.server.Networks;
import dev.pillarbox.smtp.server.PipeliningPolicy;
import dev.pillarbox.smtp.server.DeliveryTargetChoice;
import dev.pillarbox.smtp.server.ServerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the reference server's configuration: a YAML file (format in {@code docs/reference-server.md}), then
 * environment variables, then command-line flags, each overriding the one before. Every value is checked
 * here, where text becomes typed values, and the first problem fails with a {@link ConfigException} that
 * names the key, e.g. {@code unknown key 'limits.max-mesage-size' (known: ...)} or
 * {@code limits.max-recipients: "lots" is not a number}.
 *
 * <p>An environment variable's name is {@code PILLARBOX_} followed by the key in upper case with dots and dashes
 * turned into underscores: {@code limits.max-message-size} is {@code PILLARBOX_LIMITS_MAX_MESSAGE_SIZE}. List
 * values are comma-separated. Plugin settings ({@code plugins.<name>.<key>}) come only from the file.
 */
public final class ConfigLoader {

    /** Prefix of the environment variables the loader reads. */
    public static final String ENV_PREFIX = "PILLARBOX_";

    private static final String PLUGINS = "plugins";

    /** Every fixed key with its kind, in documentation order. */
    private static final Map<String, Kind> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("hostname", Kind.STRING);
        KEYS.put("listeners", Kind.LISTENERS);
        KEYS.put("store", Kind.STRING);
        KEYS.put("maildir", Kind.STRING);
        KEYS.put("delivery.required", Kind.LIST);
        KEYS.put("delivery.optional", Kind.LIST);
        KEYS.put("rabbitmq.uri", Kind.STRING);
        KEYS.put("rabbitmq.routing", Kind.STRING);
        KEYS.put("rabbitmq.queue", Kind.STRING);
        KEYS.put("rabbitmq.exchange", Kind.STRING);
        KEYS.put("rabbitmq.confirm-timeout", Kind.SCALAR);
        KEYS.put("rabbitmq.channels", Kind.SCALAR);
        KEYS.put("state", Kind.STRING);
        KEYS.put("state-prefix", Kind.STRING);
        KEYS.put("state-timeout", Kind.SCALAR);
        KEYS.put("accepted-domains", Kind.LIST);
        KEYS.put("log-level", Kind.STRING);
        KEYS.put("log-format", Kind.STRING);
        KEYS.put("metrics", Kind.STRING);
        KEYS.put("web", Kind.STRING);
        KEYS.put("web-user", Kind.STRING);
        KEYS.put("web-password", Kind.STRING);
        KEYS.put("improper-pipelining", Kind.STRING);
        KEYS.put("helo-names", Kind.STRING);
        KEYS.put("limits.max-message-size", Kind.SCALAR);
        KEYS.put("limits.oversize-drain", Kind.SCALAR);
        KEYS.put("limits.max-recipients", Kind.SCALAR);
        KEYS.put("limits.command-line", Kind.SCALAR);
        KEYS.put("limits.auth-line", Kind.SCALAR);
        KEYS.put("limits.text-line", Kind.SCALAR);
        KEYS.put("limits.long-lines", Kind.STRING);
        KEYS.put("limits.line-endings", Kind.STRING);
        KEYS.put("limits.hard-errors", Kind.SCALAR);
        KEYS.put("limits.junk-commands", Kind.SCALAR);
        KEYS.put("timeouts.idle", Kind.SCALAR);
        KEYS.put("timeouts.min-data-rate", Kind.SCALAR);
        KEYS.put("timeouts.greet-pause", Kind.SCALAR);
        KEYS.put("timeouts.shutdown-grace", Kind.SCALAR);
        KEYS.put("connections.max", Kind.SCALAR);
        KEYS.put("connections.max-per-client", Kind.SCALAR);
        KEYS.put("connections.trusted-networks", Kind.LIST);
        KEYS.put("plugins.enabled", Kind.LIST);
        KEYS.put("plugins.disabled", Kind.LIST);
    }

    private static final Set<String> SECTIONS = Set.of("limits", "timeouts", "connections", "delivery", "rabbitmq",
            PLUGINS);
    private static final List<String> LISTENER_KEYS = List.of("address", "name", "port", "protocol", "tls",
            "proxy-protocol", "trusted-proxies");
    private static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");

    /** How a raw value may look before conversion. */
    private enum Kind { STRING, SCALAR, LIST, LISTENERS }

    private final ConfigValues values = new ConfigValues();
    private final Map<String, Map<String, Object>> pluginSettings = new LinkedHashMap<>();

    private ConfigLoader() {
    }

    /** The environment variable that overrides {@code key}, e.g. {@code PILLARBOX_LIMITS_MAX_MESSAGE_SIZE}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Loads the configuration.
     *
     * @param file the YAML file, or empty for built-in defaults
     * @param env the environment (pass {@code System.getenv()}; tests pass a map)
     * @param flags command-line values, which win over the file and the environment
     * @param defaultHostname the host name to use when none is configured
     * @throws ConfigException naming the first invalid key
     */
    public static ReferenceConfig load(Optional<Path> file, Map<String, String> env, List<ConfigOverride> flags,
            String defaultHostname) throws ConfigException {
        ConfigLoader loader = new ConfigLoader();
        if (file.isPresent()) {
            loader.readFile(file.get());
        }
        loader.readEnv(env);
        for (ConfigOverride flag : flags) {
            if (!KEYS.containsKey(flag.key())) {
                throw new IllegalArgumentException("no configuration key " + flag.key());
            }
            loader.values.put(flag.key(), new ConfigValues.Raw(flag.value(), flag.source()));
        }
        return loader.build(file, defaultHostname);
    }

    /** Parses YAML text (for tests and {@link #load}); {@code label} names it in syntax errors. */
    static ReferenceConfig parse(String yaml, String label, Map<String, String> env, String defaultHostname)
            throws ConfigException {
        ConfigLoader loader = new ConfigLoader();
        loader.readYaml(yaml, label);
        loader.readEnv(env);
        return loader.build(Optional.empty(), defaultHostname);
    }

    private void readFile(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e, e);
        }
        readYaml(text, file.toString());
    }

    private void readYaml(String text, String label) throws ConfigException {
        Object document;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(false).build();
            document = new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new ConfigException(label + " is not valid YAML: " + e.getMessage().strip(), e);
        }
        if (document == null) {
            return;
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new ConfigException(label + ": expected keys such as 'hostname: mx.example.org' at the top "
                    + "level, found " + ConfigValues.describe(document));
        }
        flatten("", map);
    }

    private void flatten(String prefix, Map<?, ?> map) throws ConfigException {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith(PLUGINS + ".") && !KEYS.containsKey(key)) {
                pluginSection(key.substring(PLUGINS.length() + 1), value);
            } else if (SECTIONS.contains(key)) {
                if (value == null) {
                    continue;
                }
                if (!(value instanceof Map<?, ?> section)) {
                    throw new ConfigException(key + ": expected keys under it (known: " + known(key + ".")
                            + "), found " + ConfigValues.describe(value));
                }
                flatten(key + ".", section);
            } else if (KEYS.containsKey(key)) {
                values.put(key, new ConfigValues.Raw(value, null));
            } else {
                throw new ConfigException("unknown key '" + key + "' (known: " + known(prefix) + ")");
            }
        }
    }

    private void pluginSection(String plugin, Object value) throws ConfigException {
        if (value == null) {
            pluginSettings.put(plugin, Map.of());
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException("plugins." + plugin + ": expected the plugin's settings as keys under it, "
                    + "found " + ConfigValues.describe(value));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            settings.put(String.valueOf(e.getKey()), e.getValue());
        }
        pluginSettings.put(plugin, settings);
    }

    private void readEnv(Map<String, String> env) throws ConfigException {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (String key : KEYS.keySet()) {
            byEnvName.put(envName(key), key);
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = byEnvName.get(e.getKey());
            if (key == null) {
                throw new ConfigException("unknown environment variable " + e.getKey() + " (known: "
                        + String.join(", ", byEnvName.keySet()) + ")");
            }
            values.put(key, new ConfigValues.Raw(e.getValue(), e.getKey()));
        }
    }

    private ReferenceConfig build(Optional<Path> file, String defaultHostname) throws ConfigException {
        ServerSettings defaults = ServerSettings.defaults();
        CodecLimits limits;
        try {
            limits = new CodecLimits(
                    values.integer("limits.command-line", CodecLimits.DEFAULT_COMMAND_LINE),
                    values.integer("limits.auth-line", CodecLimits.DEFAULT_AUTH_LINE),
                    values.integer("limits.text-line", CodecLimits.DEFAULT_TEXT_LINE),
                    values.size("limits.max-message-size", CodecLimits.DEFAULT_MAX_MESSAGE_SIZE),
                    values.choice("limits.long-lines", LongLinePolicy.class, LongLinePolicy.ACCEPT),
                    values.choice("limits.line-endings", LineEndingPolicy.class, LineEndingPolicy.STRICT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("limits: " + e.getMessage(), e);
        }
        Map<String, PluginSettings> plugins = new LinkedHashMap<>();
        for (String name : values.list("plugins.enabled")) {
            plugins.put(name, PluginSettings.empty(name));
        }
        pluginSettings.forEach((name, settings) -> plugins.put(name, PluginSettings.of(name, settings)));
        Set<String> disabled = new LinkedHashSet<>(values.list("plugins.disabled"));
        for (String name : disabled) {
            if (plugins.containsKey(name)) {
                throw new ConfigException("plugins.disabled: plugin '" + name + "' is also enabled"
                        + (pluginSettings.containsKey(name) ? " (it has settings under plugins." + name + ")"
                        : " (plugins.enabled)"));
            }
        }
        String hostname = values.string("hostname", defaultHostname);
        StoreKind store = values.choice("store", StoreKind.class, StoreKind.MAILDIR);
        List<DeliveryTargetChoice> delivery = ClusterKeys.delivery(values, store);
        ServerSettings server;
        try {
            server = new ServerSettings(hostname, listeners(), limits,
                    values.size("limits.oversize-drain", defaults.oversizeDrain()),
                    values.positive("limits.max-recipients", defaults.maxRecipients()),
                    values.duration("timeouts.idle", defaults.idleTimeout(), false),
                    values.zeroOrPositive("timeouts.min-data-rate", defaults.minDataRate()),
                    values.positive("connections.max", defaults.maxConnections()),
                    values.positive("connections.max-per-client", defaults.maxConnectionsPerClient()),
                    trustedNetworks(defaults.trustedNetworks()),
                    values.positive("limits.hard-errors", defaults.hardErrorLimit()),
                    values.zeroOrPositive("limits.junk-commands", defaults.junkCommandLimit()),
                    values.choice("improper-pipelining", PipeliningPolicy.class, defaults.pipelining()),
                    values.duration("timeouts.greet-pause", defaults.greetPause(), true),
                    values.choice("helo-names", HeloNamePolicy.class, defaults.heloNames()),
                    values.duration("timeouts.shutdown-grace", defaults.shutdownGrace(), true),
                    true, plugins, disabled, delivery);
        } catch (IllegalArgumentException e) {
            // what ServerSettings checks beyond single values, e.g. the host name's characters
            throw new ConfigException(e.getMessage().startsWith("hostname") ? e.getMessage()
                    : "configuration: " + e.getMessage(), e);
        }
        List<String> domains = new ArrayList<>();
        for (String domain : values.list("accepted-domains")) {
            String d = domain.toLowerCase(Locale.ROOT);
            if (!d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                throw values.invalid("accepted-domains", domain, "is not a domain name (e.g. example.org)");
            }
            domains.add(d);
        }
        Path maildir = Path.of(values.string("maildir", "mail"));
        String logLevel = values.string("log-level", "info").toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) {
            throw values.invalid("log-level", values.get("log-level").value(), "is not one of " + String.join(", ", LOG_LEVELS));
        }
        return new ReferenceConfig(server, store, maildir, domains, logLevel.toUpperCase(Locale.ROOT),
                values.choice("log-format", LogFormat.class, LogFormat.TEXT), HttpKeys.metrics(values), file,
                ClusterKeys.state(values), ClusterKeys.rabbitmq(values), HttpKeys.web(values, delivery));
    }


    private List<ListenerSettings> listeners() throws ConfigException {
        ConfigValues.Raw raw = values.get("listeners");
        if (raw == null) {
            return List.of(listener(ListenAddress.parse("127.0.0.1:2525"), null, "listeners", null));
        }
        List<?> items = raw.value() instanceof List ? (List<?>) raw.value() : ConfigValues.splitList(raw.value());
        if (items.isEmpty()) {
            throw new ConfigException(ConfigValues.where("listeners", raw.source()) + ": at least one listener is needed");
        }
        List<ListenerSettings> out = new ArrayList<>();
        Map<String, Integer> used = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String at = "listeners[" + i + "]";
            ListenerSettings listener;
            if (item instanceof Map<?, ?> map) {
                listener = listenerFromMap(at, map, raw.source());
            } else if (item instanceof String text) {
                try {
                    listener = listener(ListenAddress.parse(text), null, at, raw.source());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(ConfigValues.where(at, raw.source()) + ": " + e.getMessage(), e);
                }
            } else {
                throw values.invalid(at, item, "is not a listen address (use " + ListenAddress.FORMAT
                        + ", or keys " + String.join(", ", LISTENER_KEYS) + ")");
            }
            // default names: smtp, smtp-2, lmtp, ... (ServerSettings wants them unique)
            int n = used.merge(listener.name(), 1, Integer::sum);
            out.add(n == 1 ? listener : listener.withName(listener.name() + "-" + n));
        }
        return out;
    }

    private ListenerSettings listenerFromMap(String at, Map<?, ?> map, String source) throws ConfigException {
        for (Object key : map.keySet()) {
            if (!LISTENER_KEYS.contains(String.valueOf(key))) {
                throw new ConfigException("unknown key '" + at + "." + key + "' (known: "
                        + String.join(", ", LISTENER_KEYS) + ")");
            }
        }
        Object address = map.get("address");
        Object port = map.get("port");
        if (address == null || port == null) {
            throw new ConfigException(at + ": needs an address and a port, e.g. {address: 127.0.0.1, port: 2525}");
        }
        long p = values.number(at + ".port", port, source);
        if (p < 0 || p > 65535) {
            throw values.invalid(at + ".port", port, "is not a port (0 to 65535)");
        }
        Object protocolValue = map.get("protocol");
        Protocol protocol = protocolValue == null ? Protocol.SMTP
                : ConfigValues.enumValue(at + ".protocol", protocolValue, source, Protocol.class);
        Object name = map.get("name");
        boolean proxyProtocol = ConfigValues.flag(at + ".proxy-protocol", map.get("proxy-protocol"), source);
        Object proxies = map.get("trusted-proxies");
        if (proxies != null && !proxyProtocol) {
            throw new ConfigException(at + ".trusted-proxies: only a listener with proxy-protocol: true reads a"
                    + " PROXY header; set proxy-protocol: true or remove trusted-proxies");
        }
        ListenerSettings listener = listener(new ListenAddress(String.valueOf(address), (int) p, protocol),
                name == null ? null : String.valueOf(name), at, source)
                .withImplicitTls(ConfigValues.flag(at + ".tls", map.get("tls"), source))
                .withProxyProtocol(proxyProtocol);
        return proxies == null ? listener
                : listener.withTrustedProxies(ConfigValues.networks(at + ".trusted-proxies", proxies, source));
    }

    private Networks trustedNetworks(Networks defaultValue) throws ConfigException {
        ConfigValues.Raw raw = values.get("connections.trusted-networks");
        return raw == null ? defaultValue
                : ConfigValues.networks("connections.trusted-networks", raw.value(), raw.source());
    }



    private ListenerSettings listener(ListenAddress spec, String name, String at, String source)
            throws ConfigException {
        InetAddress address;
        try {
            address = InetAddress.getByName(spec.host());
        } catch (UnknownHostException e) {
            throw new ConfigException(ConfigValues.where(at, source) + ": \"" + spec.host()
                    + "\" is not an IP address or a host name that resolves", e);
        }
        String listenerName = name != null ? name : spec.protocol().name().toLowerCase(Locale.ROOT);
        try {
            return new ListenerSettings(listenerName, address, spec.port(), spec.protocol());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigValues.where(at, source) + ": " + e.getMessage(), e);
        }
    }

    private static String known(String prefix) {
        Set<String> names = new TreeSet<>();
        for (String key : KEYS.keySet()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                names.add(prefix + (dot < 0 ? rest : rest.substring(0, dot)));
            }
        }
        if (prefix.equals(PLUGINS + ".")) {
            names.add("plugins.<plugin-name>");
        }
        return String.join(", ", names);
    }
}
