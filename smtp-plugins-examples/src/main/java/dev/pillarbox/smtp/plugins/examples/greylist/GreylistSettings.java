package dev.pillarbox.smtp.plugins.examples.greylist;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
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
 */
public record GreylistSettings(Duration delay, Duration unconfirmedExpiry, Duration confirmedExpiry, int maxEntries,
        Clock clock) {

    /** Validates the components. */
    public GreylistSettings {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(unconfirmedExpiry, "unconfirmedExpiry");
        Objects.requireNonNull(confirmedExpiry, "confirmedExpiry");
        Objects.requireNonNull(clock, "clock");
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
                clock);
    }
}
