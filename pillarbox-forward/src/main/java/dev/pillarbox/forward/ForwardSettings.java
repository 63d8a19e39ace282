package dev.pillarbox.forward;

import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.Mailbox;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the {@code forward} plugin ({@code plugins.forward.*}), validated at start-up: every error names
 * the key. Immutable.
 *
 * @param spool the queue directory
 * @param routes the routing table
 * @param relayNetworks clients that may use the default route without AUTH
 * @param retrySchedule the waits before the 2nd, 3rd, ... attempt; the last one repeats
 * @param queueLifetime how long a recipient is retried before it bounces
 * @param destinationConcurrency the most connections open to one next hop at a time
 * @param recipientsPerTransaction the most recipients in one mail transaction to a next hop
 * @param timeout when present, bounds every wait on a next hop (else RFC 5321 4.5.3.2's timeouts)
 * @param heloName the EHLO/LHLO name, if set (else the client's address literal)
 * @param delayWarning after how long a still-deferred recipient that asked NOTIFY=DELAY gets a delay notice;
 *     empty: never
 * @param maxReturnedSize the most octets of the original message a bounce returns in full
 * @param postmaster where mail to the bare {@code <Postmaster>} goes (RFC 5321 4.5.1: a relay must take it), a
 *     routed address; empty: {@code RCPT TO:<Postmaster>} is refused, saying which key to set
 */
public record ForwardSettings(Path spool, Routes routes, List<Network> relayNetworks, List<Duration> retrySchedule,
        Duration queueLifetime, int destinationConcurrency, int recipientsPerTransaction, Optional<Duration> timeout,
        Optional<String> heloName, Optional<Duration> delayWarning, long maxReturnedSize,
        Optional<String> postmaster) {

    /** The plugin's name, the key under {@code plugins}. */
    public static final String PLUGIN = "forward";

    /** Postfix's minimal_backoff_time. */
    static final Duration MINIMAL_BACKOFF = Duration.ofSeconds(300);
    /** Postfix's maximal_backoff_time. */
    static final Duration MAXIMAL_BACKOFF = Duration.ofSeconds(4000);

    /** The settings as the {@code plugins} command lists them. */
    static List<PluginSetting> documented() {
        return List.of(
                PluginSetting.of("spool", "queue", "the queue directory (one content and one state file per message)"),
                PluginSetting.required("routes", "recipient domain (or .parent, or default) to smtp://host:port or"
                        + " lmtp://host:port, or to keys next-hop, tls, username, password-file"),
                PluginSetting.of("relay-networks", "127.0.0.0/8, ::1/128",
                        "clients that may use the default route without AUTH"),
                PluginSetting.of("minimal-backoff", "300s", "the first wait before a deferred recipient is retried"),
                PluginSetting.of("maximal-backoff", "4000s", "the longest wait; waits double up to it"),
                PluginSetting.of("retry-schedule", "(from the backoffs)",
                        "the waits before each further attempt, e.g. 1m, 5m, 30m; the last repeats"),
                PluginSetting.of("queue-lifetime", "5d", "how long a deferred recipient is retried before it bounces"),
                PluginSetting.of("destination-concurrency", "5", "connections open to one next hop at most"),
                PluginSetting.of("recipients-per-transaction", "50", "recipients in one transaction at most"),
                PluginSetting.of("timeout", "(RFC 5321's)", "bounds every wait on a next hop, e.g. 30s"),
                PluginSetting.of("helo-name", "(the local address literal)", "the EHLO/LHLO name towards next hops"),
                PluginSetting.of("delay-warning", "(none)",
                        "send a delay notice after this long to recipients that asked NOTIFY=DELAY, e.g. 4h"),
                PluginSetting.of("max-returned-size", "10m", "a bounce returns the message in full up to this size"),
                PluginSetting.of("postmaster", "(none: refused)",
                        "where mail to the bare <Postmaster> goes, an address of a routed domain"));
    }

    /** Reads and checks {@code settings}; refuses a configuration that would make an open relay. */
    public static ForwardSettings from(PluginSettings settings) {
        String prefix = "plugins." + settings.plugin() + ".";
        Path spool = Path.of(settings.string("spool", "queue"));
        Routes routes = routes(prefix, settings);
        List<Network> networks = new ArrayList<>();
        for (String n : settings.list("relay-networks", List.of("127.0.0.0/8", "::1/128"))) {
            networks.add(Network.parse(prefix + "relay-networks", n));
        }
        for (Network n : networks) {
            if (n.everything() && routes.defaultRoute().isPresent()) {
                // RFC 5321 3.6.2 / RFC 2505: relaying for anybody to anywhere is what spammers look for
                throw new IllegalArgumentException(prefix + "relay-networks: " + n + " with a default route ("
                        + routes.defaultRoute().get().destination() + ") lets every client send to any domain through"
                        + " this server: an open relay. List only your own networks, and let other clients"
                        + " authenticate (AUTH) to use the default route");
            }
        }
        List<Duration> schedule = schedule(prefix, settings);
        Duration lifetime = settings.duration("queue-lifetime", Duration.ofDays(5));
        int concurrency = settings.integer("destination-concurrency", 5);
        if (concurrency < 1) {
            throw new IllegalArgumentException(prefix + "destination-concurrency: must be at least 1");
        }
        int perTransaction = settings.integer("recipients-per-transaction", 50);
        if (perTransaction < 1) {
            throw new IllegalArgumentException(prefix + "recipients-per-transaction: must be at least 1");
        }
        Optional<Duration> timeout = settings.raw("timeout").map(v -> settings.duration("timeout", null));
        if (timeout.isPresent() && timeout.get().isZero()) {
            throw new IllegalArgumentException(prefix + "timeout: must be more than 0");
        }
        Optional<String> helo = settings.raw("helo-name").map(Object::toString).filter(s -> !s.isBlank());
        Optional<Duration> delayWarning = settings.raw("delay-warning")
                .map(v -> settings.duration("delay-warning", null)).filter(d -> !d.isZero());
        long maxReturned = settings.longValue("max-returned-size", 10L * 1024 * 1024);
        Optional<String> postmaster = postmaster(prefix, settings, routes);
        return new ForwardSettings(spool, routes, List.copyOf(networks), schedule, lifetime, concurrency,
                perTransaction, timeout, helo, delayWarning, maxReturned, postmaster);
    }

    /** The address mail to the bare {@code <Postmaster>} goes to: a mailbox whose domain has a route. */
    private static Optional<String> postmaster(String prefix, PluginSettings settings, Routes routes) {
        Optional<String> given = settings.raw("postmaster").map(Object::toString).map(String::trim)
                .filter(s -> !s.isEmpty());
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Mailbox mailbox;
        try {
            mailbox = Mailbox.parse(given.get());
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException(prefix + "postmaster: \"" + given.get() + "\" is not a mailbox ("
                    + e.getMessage() + "); use e.g. postmaster@example.com", e);
        }
        String domain = mailbox.domain().map(d -> d.name()).orElse("");
        if (domain.isEmpty() || routes.route(domain).isEmpty()) {
            throw new IllegalArgumentException(prefix + "postmaster: " + mailbox + " has no route (give its domain a"
                    + " route, or the default route one)");
        }
        return Optional.of(mailbox.toString());
    }

    private static List<Duration> schedule(String prefix, PluginSettings settings) {
        List<String> given = settings.list("retry-schedule", List.of());
        List<Duration> schedule = new ArrayList<>();
        if (!given.isEmpty()) {
            for (String s : given) {
                try {
                    schedule.add(PluginSettings.parseDuration(s));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(prefix + "retry-schedule: \"" + s
                            + "\" is not a duration (use e.g. 300s, 5m, 1h)", e);
                }
            }
            return List.copyOf(schedule);
        }
        Duration min = settings.duration("minimal-backoff", MINIMAL_BACKOFF);
        Duration max = settings.duration("maximal-backoff", MAXIMAL_BACKOFF);
        if (min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException(prefix + "maximal-backoff: " + max + " must not be less than"
                    + " minimal-backoff " + min + " (and minimal-backoff more than 0)");
        }
        return Backoff.doubling(min, max);
    }

    private static Routes routes(String prefix, PluginSettings settings) {
        String key = prefix + "routes";
        Object raw = settings.raw("routes").orElseThrow(() -> new IllegalArgumentException(key
                + ": no routes: give at least one recipient domain and its next hop, e.g. example.com:"
                + " smtp://10.0.0.5:25"));
        if (!(raw instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException(key + ": expected recipient domains as keys under it, each with a"
                    + " next hop (smtp://host:port or lmtp://host:port)");
        }
        Map<String, NextHop> table = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String domain = String.valueOf(e.getKey()).trim().toLowerCase(java.util.Locale.ROOT);
            String routeKey = key + "." + domain;
            if (!domain.equals(Routes.DEFAULT)
                    && !domain.matches("\\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                throw new IllegalArgumentException(routeKey + ": \"" + domain + "\" is not a domain, .parent-domain"
                        + " or default");
            }
            table.put(domain, hop(routeKey, e.getValue()));
        }
        return Routes.of(table);
    }

    private static NextHop hop(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Object k : map.keySet()) {
                if (!List.of("next-hop", "tls", "trust", "username", "password", "password-file")
                        .contains(String.valueOf(k))) {
                    throw new IllegalArgumentException(key + "." + k + ": unknown key (known: next-hop, tls, trust,"
                            + " username, password, password-file)");
                }
            }
            Object target = map.get("next-hop");
            if (target == null) {
                throw new IllegalArgumentException(key + ".next-hop: missing (smtp://host:port or lmtp://host:port)");
            }
            Optional<String> username = Optional.ofNullable(map.get("username")).map(String::valueOf);
            Optional<String> password = Optional.ofNullable(map.get("password")).map(String::valueOf);
            Object file = map.get("password-file");
            if (file != null) {
                if (password.isPresent()) {
                    throw new IllegalArgumentException(key + ".password-file: give password or password-file,"
                            + " not both");
                }
                password = Optional.of(readPassword(key + ".password-file", Path.of(String.valueOf(file))));
            }
            if (username.isPresent() != password.isPresent()) {
                throw new IllegalArgumentException(key + (username.isPresent() ? ".password" : ".username")
                        + ": AUTH needs both username and password (or password-file)");
            }
            String hopText = String.valueOf(target);
            NextHop.TlsPolicy tls = map.get("tls") == null ? defaultTls(hopText)
                    : NextHop.TlsPolicy.parse(key + ".tls", String.valueOf(map.get("tls")));
            Optional<Path> trust = Optional.ofNullable(map.get("trust")).map(String::valueOf).map(Path::of);
            if (trust.isPresent()) {
                if (tls != NextHop.TlsPolicy.REQUIRED) {
                    throw new IllegalArgumentException(key + ".trust: only with tls: required (the certificate is not"
                            + " checked otherwise)");
                }
                TrustFile.context(key + ".trust", trust.get()); // readable, with at least one certificate
            }
            NextHop hop = NextHop.parse(key + ".next-hop", hopText, tls, username, password, trust);
            if (username.isPresent() && tls == NextHop.TlsPolicy.NONE && !loopback(hop.host())) {
                throw new IllegalArgumentException(key + ".tls: AUTH to " + hop.destination() + " would send the"
                        + " password in plain text; use tls: required (or opportunistic)");
            }
            return hop;
        }
        if (value instanceof String || value instanceof java.net.URI) {
            String hopText = String.valueOf(value);
            return NextHop.parse(key, hopText, defaultTls(hopText), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        throw new IllegalArgumentException(key + ": expected a next hop (smtp://host:port or lmtp://host:port) or"
                + " keys next-hop, tls, username, password-file");
    }

    // SMTP hops: STARTTLS when offered (RFC 3207); LMTP hops are local delivery agents that rarely offer it
    private static NextHop.TlsPolicy defaultTls(String hop) {
        return hop.trim().toLowerCase(java.util.Locale.ROOT).startsWith("lmtp:") ? NextHop.TlsPolicy.NONE
                : NextHop.TlsPolicy.OPPORTUNISTIC;
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static String readPassword(String key, Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IllegalArgumentException(key + ": " + file + " is empty (the password is its first line)");
            }
            return lines.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(key + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** True if a client at {@code address} may use the default route without AUTH. */
    boolean mayRelay(InetAddress address) {
        for (Network n : relayNetworks) {
            if (n.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
