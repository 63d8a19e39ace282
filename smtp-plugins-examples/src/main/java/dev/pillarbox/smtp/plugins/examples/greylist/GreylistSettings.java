package dev.pillarbox.smtp.plugins.examples.greylist;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.StateFailureMode;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code greylist} plugin's settings.
 *
 * @param delay how long a new triplet is deferred (key {@code delay}, default 5m)
 * @param unconfirmedExpiry how long a triplet that never passed is remembered (key {@code unconfirmed-expiry},
 *     default 4h): a client that retries later than that starts over
 * @param confirmedExpiry how long a triplet that passed is remembered after its last use (key
 *     {@code confirmed-expiry}, default 36d, long enough for monthly newsletters)
 * @param maxEntries the most triplets kept; the least recently used is dropped first (key {@code max-entries},
 *     default 100000), so a flood of forged senders cannot exhaust the heap
 * @param clock the clock the delays are measured on (tests move it instead of sleeping)
 * @param stateFailure with a shared state store, what to do when it cannot answer (key {@code state-failure},
 *     default {@code open}: greylisting is a heuristic against bulk senders, and deferring every message while the
 *     store is down would cost more than letting some spam through)
 */
public record GreylistSettings(Duration delay, Duration unconfirmedExpiry, Duration confirmedExpiry, int maxEntries,
        Clock clock, StateFailureMode stateFailure) {

    /** Validates the components. */
    public GreylistSettings {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(unconfirmedExpiry, "unconfirmedExpiry");
        Objects.requireNonNull(confirmedExpiry, "confirmedExpiry");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stateFailure, "stateFailure");
        if (unconfirmedExpiry.compareTo(delay) <= 0) {
            throw new IllegalArgumentException("plugins.greylist.unconfirmed-expiry (" + unconfirmedExpiry
                    + ") must be longer than plugins.greylist.delay (" + delay + "), or no retry could pass");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("plugins.greylist.max-entries must be at least 1, got " + maxEntries);
        }
    }

    /** Reads the settings from the server configuration. */
    public static GreylistSettings from(PluginSettings settings, Clock clock) {
        return new GreylistSettings(
                settings.duration("delay", Duration.ofMinutes(5)),
                settings.duration("unconfirmed-expiry", Duration.ofHours(4)),
                settings.duration("confirmed-expiry", Duration.ofDays(36)),
                settings.integer("max-entries", 100_000),
                clock,
                StateFailureMode.from(settings, StateFailureMode.OPEN));
    }

    /** Settings with the in-memory defaults' failure mode ({@code open}), for code that builds them directly. */
    public GreylistSettings(Duration delay, Duration unconfirmedExpiry, Duration confirmedExpiry, int maxEntries,
            Clock clock) {
        this(delay, unconfirmedExpiry, confirmedExpiry, maxEntries, clock, StateFailureMode.OPEN);
    }
}
