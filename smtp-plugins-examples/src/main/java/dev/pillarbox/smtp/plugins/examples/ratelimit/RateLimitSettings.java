package dev.pillarbox.smtp.plugins.examples.ratelimit;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.StateFailureMode;
import java.time.Clock;
import java.util.Objects;

/**
 * The {@code rate-limit} plugin's settings. A bucket holds up to {@code burst} tokens and refills at
 * {@code rate} tokens per minute; each connection (or MAIL FROM) takes one.
 *
 * @param connectionRate connections per minute per client address (key {@code connection-rate}, default 60)
 * @param connectionBurst connections a client may open at once after a quiet spell (key {@code connection-burst},
 *     default 10)
 * @param mailRate MAIL FROM commands per minute per client address (key {@code mail-rate}, default 120)
 * @param mailBurst MAIL FROM commands at once (key {@code mail-burst}, default 20)
 * @param maxClients client addresses tracked; the least recently seen is forgotten first (key
 *     {@code max-clients}, default 10000). A forgotten client starts with a full bucket again.
 * @param clock the clock buckets refill on (tests move it instead of sleeping)
 * @param stateFailure with a shared state store, what to do when it cannot answer (key {@code state-failure},
 *     default {@code open}: the limit protects capacity, and refusing every client while the store is down would
 *     be the outage the limit is there to prevent; {@code closed} answers {@code 421 4.3.0} at connect and
 *     {@code 451 4.3.0} at MAIL)
 */
public record RateLimitSettings(int connectionRate, int connectionBurst, int mailRate, int mailBurst,
        int maxClients, Clock clock, StateFailureMode stateFailure) {

    /** Validates the components. */
    public RateLimitSettings {
        positive("connection-rate", connectionRate);
        positive("connection-burst", connectionBurst);
        positive("mail-rate", mailRate);
        positive("mail-burst", mailBurst);
        positive("max-clients", maxClients);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stateFailure, "stateFailure");
    }

    /** Settings that fail open, for code that builds them directly. */
    public RateLimitSettings(int connectionRate, int connectionBurst, int mailRate, int mailBurst, int maxClients,
            Clock clock) {
        this(connectionRate, connectionBurst, mailRate, mailBurst, maxClients, clock, StateFailureMode.OPEN);
    }

    /** Reads the settings from the server configuration. */
    public static RateLimitSettings from(PluginSettings settings, Clock clock) {
        return new RateLimitSettings(
                settings.integer("connection-rate", 60),
                settings.integer("connection-burst", 10),
                settings.integer("mail-rate", 120),
                settings.integer("mail-burst", 20),
                settings.integer("max-clients", 10_000),
                clock,
                StateFailureMode.from(settings, StateFailureMode.OPEN));
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("plugins.rate-limit." + key + " must be at least 1, got " + value);
        }
    }
}
