package dev.pillarbox.smtp.extensions.auth;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.StateFailureMode;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How AUTH behaves: the mechanisms offered, whether AUTH is offered without TLS, where AUTH is required before MAIL
 * (submission, RFC 6409), and the abuse limits. Immutable, with {@code with...} copies.
 *
 * @param mechanisms the SASL mechanisms offered, in EHLO order; a subset of {@link #SUPPORTED}
 * @param allowPlaintext offer and accept AUTH on a connection without TLS (default false: passwords would cross the
 *     network readable)
 * @param requireAuth listener names where MAIL needs AUTH first, or {@code all}
 * @param failureDelay the delay before the first {@code 535}; each further failure from the same client address
 *     doubles it
 * @param maxFailureDelay the delay never grows beyond this
 * @param maxFailures failed attempts a connection may make; the last one is answered {@code 421 4.7.0} and closes it
 * @param trackedClients client addresses whose failures are remembered; the least recently seen are forgotten
 *     first, so the memory is bounded
 * @param failureWindow a client's failures are forgotten this long after its last one
 * @param stateFailure with a shared state store, what AUTH does when the store cannot count failures (key
 *     {@code state-failure}, default {@code closed}: AUTH is answered {@code 454 4.3.0} rather than letting a
 *     password guesser spread unthrottled attempts over many connections; {@code open} goes on with the first
 *     failure delay)
 */
public record AuthSettings(List<String> mechanisms, boolean allowPlaintext, Set<String> requireAuth,
        Duration failureDelay, Duration maxFailureDelay, int maxFailures, int trackedClients,
        Duration failureWindow, StateFailureMode stateFailure) {

    /** The mechanisms this package implements. */
    public static final List<String> SUPPORTED = List.of("PLAIN", "LOGIN", "SCRAM-SHA-256");

    /** The listener-list value that means every listener. */
    public static final String ALL_LISTENERS = "all";

    /** Validates and copies the components. */
    public AuthSettings {
        Set<String> names = new LinkedHashSet<>();
        for (String mechanism : mechanisms) {
            String name = mechanism.toUpperCase(Locale.ROOT);
            if (!SUPPORTED.contains(name)) {
                throw new IllegalArgumentException("unknown SASL mechanism " + mechanism + " (supported: "
                        + String.join(", ", SUPPORTED) + ")");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one SASL mechanism is needed");
        }
        mechanisms = List.copyOf(names);
        requireAuth = Set.copyOf(requireAuth);
        Objects.requireNonNull(failureDelay, "failureDelay");
        Objects.requireNonNull(maxFailureDelay, "maxFailureDelay");
        Objects.requireNonNull(failureWindow, "failureWindow");
        Objects.requireNonNull(stateFailure, "stateFailure");
        if (failureDelay.isNegative() || maxFailureDelay.compareTo(failureDelay) < 0) {
            throw new IllegalArgumentException("failure delays must satisfy 0 <= failure-delay <= max-failure-delay");
        }
        if (maxFailures < 1 || trackedClients < 1) {
            throw new IllegalArgumentException("max-failures and tracked-clients must be positive");
        }
    }

    /** Settings that fail closed when a shared state store cannot answer (the default). */
    public AuthSettings(List<String> mechanisms, boolean allowPlaintext, Set<String> requireAuth,
            Duration failureDelay, Duration maxFailureDelay, int maxFailures, int trackedClients,
            Duration failureWindow) {
        this(mechanisms, allowPlaintext, requireAuth, failureDelay, maxFailureDelay, maxFailures, trackedClients,
                failureWindow, StateFailureMode.CLOSED);
    }

    /**
     * Defaults: every mechanism, TLS only, AUTH nowhere required, 1 s first delay doubling up to 16 s, 3 failures
     * per connection, 10,000 client addresses remembered for 15 minutes.
     */
    public static AuthSettings defaults() {
        return new AuthSettings(SUPPORTED, false, Set.of(), Duration.ofSeconds(1), Duration.ofSeconds(16), 3,
                10_000, Duration.ofMinutes(15));
    }

    /**
     * The {@code auth} plugin's settings: {@code mechanisms}, {@code allow-plaintext}, {@code require-auth},
     * {@code failure-delay}, {@code max-failure-delay}, {@code max-failures}, {@code tracked-clients},
     * {@code failure-window}, {@code state-failure} (the password file, {@code users-file}, is read by the plugin).
     */
    public static AuthSettings from(PluginSettings settings) {
        AuthSettings d = defaults();
        try {
            return new AuthSettings(settings.list("mechanisms", d.mechanisms),
                    settings.bool("allow-plaintext", d.allowPlaintext),
                    Set.copyOf(settings.list("require-auth", List.of())),
                    settings.duration("failure-delay", d.failureDelay),
                    settings.duration("max-failure-delay", d.maxFailureDelay),
                    settings.integer("max-failures", d.maxFailures),
                    settings.integer("tracked-clients", d.trackedClients),
                    settings.duration("failure-window", d.failureWindow),
                    StateFailureMode.from(settings, d.stateFailure));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("plugins.") ? e
                    : new IllegalArgumentException("plugins." + settings.plugin() + ": " + e.getMessage(), e);
        }
    }

    /** Whether MAIL needs AUTH first on {@code listener}. */
    public boolean authRequiredOn(String listener) {
        return requireAuth.contains(ALL_LISTENERS) || requireAuth.contains(listener);
    }

    /** A copy offering AUTH without TLS, or not. */
    public AuthSettings withAllowPlaintext(boolean allowPlaintext) {
        return new AuthSettings(mechanisms, allowPlaintext, requireAuth, failureDelay, maxFailureDelay, maxFailures,
                trackedClients, failureWindow, stateFailure);
    }

    /** A copy requiring AUTH before MAIL on these listeners. */
    public AuthSettings withRequireAuth(Collection<String> listeners) {
        return new AuthSettings(mechanisms, allowPlaintext, Set.copyOf(listeners), failureDelay, maxFailureDelay,
                maxFailures, trackedClients, failureWindow, stateFailure);
    }

    /** A copy with other failure delays. */
    public AuthSettings withFailureDelay(Duration failureDelay, Duration maxFailureDelay) {
        return new AuthSettings(mechanisms, allowPlaintext, requireAuth, failureDelay, maxFailureDelay, maxFailures,
                trackedClients, failureWindow, stateFailure);
    }

    /** A copy with another per-connection failure limit. */
    public AuthSettings withMaxFailures(int maxFailures) {
        return new AuthSettings(mechanisms, allowPlaintext, requireAuth, failureDelay, maxFailureDelay, maxFailures,
                trackedClients, failureWindow, stateFailure);
    }

    /** A copy offering only these mechanisms. */
    public AuthSettings withMechanisms(List<String> mechanisms) {
        return new AuthSettings(mechanisms, allowPlaintext, requireAuth, failureDelay, maxFailureDelay, maxFailures,
                trackedClients, failureWindow, stateFailure);
    }
}
