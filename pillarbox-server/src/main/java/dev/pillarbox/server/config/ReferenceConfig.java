package dev.pillarbox.server.config;

import dev.pillarbox.server.rabbitmq.RabbitSettings;
import dev.pillarbox.server.state.StateSettings;
import dev.pillarbox.smtp.codec.CodecLimits;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.server.ServerSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The reference server's effective configuration: the {@link ServerSettings} of the SMTP server itself plus
 * what only the reference server has (message store, Maildir path, accepted recipient domains, log level).
 * Made by {@link ConfigLoader} from the file, the environment and the command line, in that order of
 * increasing precedence.
 *
 * @param server settings of the SMTP server: host name, listeners, limits, timeouts, plugins
 * @param store the built-in delivery target that is required when {@code delivery.required} is not set
 * @param maildir the Maildir directory (used when the {@code maildir} target is picked)
 * @param acceptedDomains recipient domains the server accepts mail for, lower case; empty means "any"
 *     when every listener is on a loopback address, and is refused otherwise
 * @param logLevel the root log level, e.g. {@code INFO}
 * @param logFormat plain text lines or one JSON object per line
 * @param metrics where to serve {@code /metrics} and the health probes over HTTP, or empty for nowhere
 * @param file the configuration file read, if any
 * @param state the shared policy state (Redis), or empty to keep policy state in this instance's memory
 * @param rabbitmq the broker and queue (used when {@code store} is {@link StoreKind#RABBITMQ})
 * @param web where to serve the web inbox over the Maildir, and its login, or empty for nowhere
 */
public record ReferenceConfig(ServerSettings server, StoreKind store, Path maildir, List<String> acceptedDomains,
        String logLevel, LogFormat logFormat, Optional<InetSocketAddress> metrics, Optional<Path> file,
        Optional<StateSettings> state, RabbitSettings rabbitmq, Optional<WebSettings> web) {

    /** Validates and copies the components. */
    public ReferenceConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(maildir, "maildir");
        acceptedDomains = List.copyOf(acceptedDomains);
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(rabbitmq, "rabbitmq");
        Objects.requireNonNull(web, "web");
    }

    /** True when the {@code maildir} delivery target is picked, so the Maildir must be opened. */
    public boolean usesMaildir() {
        return server.deliveryTargets().stream().anyMatch(c -> c.name().equals(StoreKind.MAILDIR.configName()));
    }

    /** True when the {@code rabbitmq} delivery target is picked, so the publisher must be made. */
    public boolean usesRabbitmq() {
        return server.deliveryTargets().stream().anyMatch(c -> c.name().equals(StoreKind.RABBITMQ.configName()));
    }

    /** True when every listener is bound to a loopback address (127.0.0.0/8 or ::1). */
    public boolean loopbackOnly() {
        return server.listeners().stream().allMatch(l -> l.address().isLoopbackAddress());
    }

    /**
     * Refuses a configuration that would accept mail for any domain from the network: with no accepted
     * domains, the server accepts every recipient, which is right for a development catcher on loopback and
     * wrong on a public address.
     *
     * @throws ConfigException saying which listener and what to change
     */
    public void checkNotOpenCatcher() throws ConfigException {
        if (!acceptedDomains.isEmpty()) {
            return;
        }
        for (ListenerSettings listener : server.listeners()) {
            InetAddress address = listener.address();
            if (!address.isLoopbackAddress()) {
                throw new ConfigException("refusing to start: listener " + listener.name() + " on "
                        + hostPort(address, listener.port()) + " is not a loopback address and no "
                        + "accepted-domains are configured, so the server would accept mail for any domain "
                        + "from the network; set accepted-domains (e.g. accepted-domains: [example.org]) or "
                        + "listen on 127.0.0.1 or [::1] only");
            }
        }
    }

    /** The effective configuration, one {@code key: value} line each, for the start-up log. */
    public String describe() {
        CodecLimits limits = server.codecLimits();
        StringJoiner out = new StringJoiner("\n");
        out.add("  config file: " + file.map(Path::toString).orElse("(none)"));
        out.add("  hostname: " + server.hostname());
        StringJoiner listeners = new StringJoiner(", ");
        for (ListenerSettings l : server.listeners()) {
            listeners.add(l.name() + "=" + l.protocol().name().toLowerCase(Locale.ROOT) + "://"
                    + hostPort(l.address(), l.port()) + (l.implicitTls() ? " tls" : "")
                    + (l.proxyProtocol() ? " proxy-protocol (trusted-proxies: " + l.trustedProxies() + ")" : ""));
        }
        out.add("  listeners: " + listeners);
        out.add("  store: " + store.configName() + (usesMaildir() ? " (maildir " + maildir + ")" : ""));
        out.add("  delivery: " + server.deliveryTargets());
        if (usesRabbitmq()) {
            out.add("  rabbitmq: " + rabbitmq.describe());
        }
        out.add("  state: " + state.map(StateSettings::describe).orElse("(memory: per instance)"));
        out.add("  accepted-domains: " + (acceptedDomains.isEmpty() ? "(any: loopback development catcher)"
                : String.join(", ", acceptedDomains)));
        out.add("  limits: max-message-size=" + limits.maxMessageSize() + " oversize-drain=" + server.oversizeDrain()
                + " max-recipients=" + server.maxRecipients()
                + " command-line=" + limits.commandLine() + " auth-line=" + limits.authLine()
                + " text-line=" + limits.textLine() + " long-lines=" + configName(limits.longLines())
                + " line-endings=" + configName(limits.lineEndings()) + " hard-errors=" + server.hardErrorLimit()
                + " junk-commands=" + server.junkCommandLimit());
        out.add("  timeouts: idle=" + duration(server.idleTimeout()) + " min-data-rate=" + server.minDataRate()
                + " greet-pause="
                + duration(server.greetPause()) + " shutdown-grace=" + duration(server.shutdownGrace()));
        out.add("  connections: max=" + server.maxConnections() + " max-per-client="
                + server.maxConnectionsPerClient() + " trusted-networks=" + server.trustedNetworks());
        out.add("  improper-pipelining: " + configName(server.pipelining()));
        out.add("  helo-names: " + configName(server.heloNames()));
        StringJoiner plugins = new StringJoiner(", ");
        for (PluginSettings p : server.plugins().values()) {
            plugins.add(p.toString());
        }
        out.add("  plugins: enabled=[" + plugins + "] disabled=" + new java.util.TreeSet<>(server.disabledPlugins()));
        out.add("  log-level: " + logLevel);
        out.add("  log-format: " + configName(logFormat));
        out.add("  metrics: " + metrics.map(a -> "http://" + hostPort(a.getAddress(), a.getPort())
                + " (/metrics, /health/live, /health/ready)").orElse("(off)"));
        out.add("  web: " + web.map(WebSettings::toString).orElse("(off)"));
        return out.toString();
    }

    /** {@code 127.0.0.1:25} or {@code [::1]:25}. */
    public static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** A duration as the configuration writes it: {@code 300s}, {@code 250ms}. */
    static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String configName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
