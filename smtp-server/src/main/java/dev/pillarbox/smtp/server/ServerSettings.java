package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.codec.CodecLimits;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.spi.HeloNamePolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link SmtpServer} needs to know, as one immutable value with defaults ({@link #defaults()}), made or
 * changed with a {@link Builder} ({@code ServerSettings.builder().hostname("mx.example").build()},
 * {@code settings.toBuilder().idleTimeout(d).build()}). Abuse limits are settings, not constants buried in code.
 *
 * @param hostname the server's name in the greeting, EHLO and trace headers
 * @param listeners the sockets to open; at least one
 * @param codecLimits command line (512), AUTH line, text line (1000), maximum message size (10 MiB), long-line
 *     and line-ending policies, fed to each connection's decoder
 * @param oversizeDrain how far past the maximum message size the server goes on reading a DATA body or the BDAT
 *     chunks of one message before it answers {@code 552 5.3.4} and closes the connection: up to it the rest of an
 *     oversized message is read and dropped so that the client gets its 552 in step and can go on (a client that
 *     sees only a closed connection retries); past it the client is streaming far more than any honest client that
 *     ignored SIZE would, and reading it all would cost the server as much as the client
 * @param maxRecipients recipients per transaction; more get {@code 452 4.5.3} (RFC 5321 4.5.3.1.8: at least 100)
 * @param idleTimeout how long the server waits for a command or body data; then {@code 421 4.4.2}
 *     (RFC 5321 4.5.3.2.7: 5 minutes)
 * @param minDataRate the slowest a DATA or BDAT body may arrive, in bytes per second, like Postfix's
 *     {@code smtpd_min_data_rate}: a body's read deadline starts at the idle timeout and each read of n body bytes
 *     extends it by n / rate seconds (never beyond the idle timeout from now); past it, {@code 421 4.4.2}.
 *     0 switches it off: each body read then gets a fresh idle timeout
 * @param maxConnections connections open at once; more get {@code 421 4.7.0} and are closed. On Java 17 this is
 *     also the size of the platform-thread pool
 * @param maxConnectionsPerClient connections open at once from one IP address; more get {@code 421 4.7.0}. Clients
 *     in {@code trustedNetworks} are exempt
 * @param trustedNetworks clients exempt from the per-client connection limit, as Postfix exempts
 *     {@code $mynetworks} from its anvil limits: a local relay or test suite may open many connections. The total
 *     {@code maxConnections} still counts them. Loopback by default; the address is the TCP peer's (behind a PROXY
 *     listener, the proxy's)
 * @param hardErrorLimit protocol errors (5.5.x and x0z replies) a session may cause before it gets
 *     {@code 421 4.7.0} and is closed, like Postfix's {@code smtpd_hard_error_limit}
 * @param junkCommandLimit commands that do no mail work (NOOP, RSET, VRFY, EXPN, HELP) a session may send
 *     before each further one also counts as a protocol error, like Postfix's {@code smtpd_junk_command_limit};
 *     the count restarts when a message is accepted. 0 means no limit
 * @param pipelining what to do with improper pipelining (RFC 2920)
 * @param greetPause how long the server listens before its 220 greeting to catch clients that talk first;
 *     zero only checks bytes already received
 * @param heloNames what HELO, EHLO and LHLO accept as the client's name: {@link HeloNamePolicy#STRICT} (a domain or
 *     an address literal, RFC 5321 4.1.1.1; otherwise {@code 501 5.5.4}) or {@link HeloNamePolicy#ANY} for legacy
 *     senders (then a name that is neither goes into {@code Received:} only as a comment)
 * @param shutdownGrace how long {@link SmtpServer#shutdown} lets sessions in a transaction finish before it
 *     answers {@code 421 4.3.2} and closes them
 * @param discoverPlugins whether plugins on the class path are found with {@link java.util.ServiceLoader}
 * @param plugins plugins to enable by name, with their settings
 * @param disabledPlugins plugins to switch off by name, even if enabled by default
 * @param deliveryTargets the delivery targets to deliver to, by name, each required or optional; empty when the
 *     modules provide exactly one target (e.g. a bound {@code MessageStore}), which is then required
 */
public record ServerSettings(
        String hostname,
        List<ListenerSettings> listeners,
        CodecLimits codecLimits,
        long oversizeDrain,
        int maxRecipients,
        Duration idleTimeout,
        int minDataRate,
        int maxConnections,
        int maxConnectionsPerClient,
        Networks trustedNetworks,
        int hardErrorLimit,
        int junkCommandLimit,
        PipeliningPolicy pipelining,
        Duration greetPause,
        HeloNamePolicy heloNames,
        Duration shutdownGrace,
        boolean discoverPlugins,
        Map<String, PluginSettings> plugins,
        Set<String> disabledPlugins,
        List<DeliveryTargetChoice> deliveryTargets) {

    /** RFC 5321 4.5.3.1.8: a server must accept at least 100 recipients. */
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    /** RFC 5321 4.5.3.2.7: the server timeout is at least 5 minutes. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** Default for {@link #maxConnections()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** Default for {@link #maxConnectionsPerClient()} (Postfix's smtpd_client_connection_count_limit is 50). */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 50;
    /** Default for {@link #hardErrorLimit()}. */
    public static final int DEFAULT_HARD_ERROR_LIMIT = 10;
    /** Default for {@link #junkCommandLimit()} (Postfix's smtpd_junk_command_limit is 100). */
    public static final int DEFAULT_JUNK_COMMAND_LIMIT = 100;
    /** Default for {@link #minDataRate()}, in bytes per second (Postfix's smtpd_min_data_rate is 500). */
    public static final int DEFAULT_MIN_DATA_RATE = 500;
    /**
     * Default for {@link #oversizeDrain()}: 10 MiB, the default maximum message size again, so that a client that
     * ignores SIZE with a message up to twice the default limit still gets its 552 in step, while a client that
     * streams on is cut off after reading at most that much more.
     */
    public static final long DEFAULT_OVERSIZE_DRAIN = 10L * 1024 * 1024;
    /** Default for {@link #shutdownGrace()}. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** Validates and copies the components. */
    public ServerSettings {
        Objects.requireNonNull(hostname, "hostname");
        if (hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("hostname must be a non-empty ASCII name without spaces: \""
                    + hostname + "\"");
        }
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("at least one listener is needed");
        }
        Set<String> names = new LinkedHashSet<>();
        for (ListenerSettings listener : listeners) {
            if (!names.add(listener.name())) {
                throw new IllegalArgumentException("two listeners are named " + listener.name());
            }
        }
        Objects.requireNonNull(codecLimits, "codecLimits");
        if (oversizeDrain < 0) {
            throw new IllegalArgumentException("oversizeDrain must not be negative: " + oversizeDrain);
        }
        Objects.requireNonNull(trustedNetworks, "trustedNetworks");
        positive("maxRecipients", maxRecipients);
        positive("maxConnections", maxConnections);
        positive("maxConnectionsPerClient", maxConnectionsPerClient);
        positive("hardErrorLimit", hardErrorLimit);
        notNegative("junkCommandLimit", junkCommandLimit);
        requirePositive("idleTimeout", idleTimeout);
        notNegative("minDataRate", minDataRate);
        Objects.requireNonNull(pipelining, "pipelining");
        requireNotNegative("greetPause", greetPause);
        Objects.requireNonNull(heloNames, "heloNames");
        requireNotNegative("shutdownGrace", shutdownGrace);
        plugins = Map.copyOf(plugins);
        disabledPlugins = Set.copyOf(disabledPlugins);
        deliveryTargets = List.copyOf(deliveryTargets);
        for (String name : plugins.keySet()) {
            if (disabledPlugins.contains(name)) {
                throw new IllegalArgumentException("plugin " + name + " is both enabled and disabled");
            }
        }
    }

    /** Defaults: host name {@code localhost}, one SMTP listener on 127.0.0.1 with a free port, RFC limits. */
    public static ServerSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings, e.g. {@code settings.toBuilder().idleTimeout(d).build()}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Collects settings, starting from the defaults or from existing settings; each setter sets the component of the
     * same name, and {@link #build()} validates them all at once (the record's constructor).
     */
    public static final class Builder {
        private String hostname = "localhost";
        private List<ListenerSettings> listeners = List.of(ListenerSettings.loopback());
        private CodecLimits codecLimits = CodecLimits.defaults();
        private long oversizeDrain = DEFAULT_OVERSIZE_DRAIN;
        private int maxRecipients = DEFAULT_MAX_RECIPIENTS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int minDataRate = DEFAULT_MIN_DATA_RATE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerClient = DEFAULT_MAX_CONNECTIONS_PER_CLIENT;
        private Networks trustedNetworks = Networks.LOOPBACK;
        private int hardErrorLimit = DEFAULT_HARD_ERROR_LIMIT;
        private int junkCommandLimit = DEFAULT_JUNK_COMMAND_LIMIT;
        private PipeliningPolicy pipelining = PipeliningPolicy.REJECT;
        private Duration greetPause = Duration.ZERO;
        private HeloNamePolicy heloNames = HeloNamePolicy.STRICT;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private boolean discoverPlugins = true;
        private final Map<String, PluginSettings> plugins = new LinkedHashMap<>();
        private final Set<String> disabledPlugins = new LinkedHashSet<>();
        private List<DeliveryTargetChoice> deliveryTargets = List.of();

        private Builder() {
        }

        private Builder(ServerSettings s) {
            hostname(s.hostname).listeners(s.listeners).codecLimits(s.codecLimits).oversizeDrain(s.oversizeDrain)
                    .maxRecipients(s.maxRecipients).idleTimeout(s.idleTimeout).minDataRate(s.minDataRate)
                    .connectionLimits(s.maxConnections, s.maxConnectionsPerClient).trustedNetworks(s.trustedNetworks)
                    .hardErrorLimit(s.hardErrorLimit).junkCommandLimit(s.junkCommandLimit).pipelining(s.pipelining)
                    .greetPause(s.greetPause).heloNames(s.heloNames).shutdownGrace(s.shutdownGrace)
                    .discoverPlugins(s.discoverPlugins).deliveryTargets(s.deliveryTargets);
            plugins.putAll(s.plugins);
            disabledPlugins.addAll(s.disabledPlugins);
        }

        // one-line setters, each named after the record component it sets
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder listeners(List<ListenerSettings> v) { listeners = v; return this; }
        public Builder codecLimits(CodecLimits v) { codecLimits = v; return this; }
        public Builder oversizeDrain(long v) { oversizeDrain = v; return this; }
        public Builder maxRecipients(int v) { maxRecipients = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder minDataRate(int v) { minDataRate = v; return this; }
        public Builder trustedNetworks(Networks v) { trustedNetworks = v; return this; }
        public Builder hardErrorLimit(int v) { hardErrorLimit = v; return this; }
        public Builder junkCommandLimit(int v) { junkCommandLimit = v; return this; }
        public Builder pipelining(PipeliningPolicy v) { pipelining = v; return this; }
        public Builder greetPause(Duration v) { greetPause = v; return this; }
        public Builder heloNames(HeloNamePolicy v) { heloNames = v; return this; }
        public Builder shutdownGrace(Duration v) { shutdownGrace = v; return this; }
        public Builder discoverPlugins(boolean v) { discoverPlugins = v; return this; }
        public Builder deliveryTargets(List<DeliveryTargetChoice> v) { deliveryTargets = v; return this; }

        /** Delivers to these targets (replacing earlier choices), e.g. {@code required("maildir")}. */
        public Builder deliverTo(DeliveryTargetChoice... targets) {
            deliveryTargets = List.of(targets);
            return this;
        }

        /** The maximum message size: a shortcut into {@link #codecLimits}. */
        public Builder maxMessageSize(long octets) {
            codecLimits = codecLimits.withMaxMessageSize(octets);
            return this;
        }

        /** The total and per-client-IP connection limits. */
        public Builder connectionLimits(int total, int perClient) {
            maxConnections = total;
            maxConnectionsPerClient = perClient;
            return this;
        }

        /** Enables plugin {@code settings.plugin()} with these settings (and takes it off the disabled list). */
        public Builder plugin(PluginSettings settings) {
            plugins.put(settings.plugin(), settings);
            disabledPlugins.remove(settings.plugin());
            return this;
        }

        /** Switches plugin {@code name} off. */
        public Builder pluginDisabled(String name) {
            plugins.remove(name);
            disabledPlugins.add(name);
            return this;
        }

        /** The settings. */
        public ServerSettings build() {
            return new ServerSettings(hostname, listeners, codecLimits, oversizeDrain, maxRecipients, idleTimeout,
                    minDataRate, maxConnections, maxConnectionsPerClient, trustedNetworks, hardErrorLimit,
                    junkCommandLimit, pipelining, greetPause, heloNames, shutdownGrace, discoverPlugins, plugins,
                    disabledPlugins, deliveryTargets);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
