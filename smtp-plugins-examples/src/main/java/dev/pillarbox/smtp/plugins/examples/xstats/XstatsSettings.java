package dev.pillarbox.smtp.plugins.examples.xstats;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.time.Clock;
import java.util.Objects;

/**
 * The {@code xstats} plugin's settings.
 *
 * @param advertise offer {@code XSTATS} in the EHLO reply (key {@code advertise}, default true)
 * @param requireAuth answer {@code 530 5.7.0} until the client authenticated (key {@code require-auth},
 *     default false)
 * @param clock the clock uptime is measured on
 */
public record XstatsSettings(boolean advertise, boolean requireAuth, Clock clock) {

    /** Validates the components. */
    public XstatsSettings {
        Objects.requireNonNull(clock, "clock");
    }

    /** Reads the settings from the server configuration. */
    public static XstatsSettings from(PluginSettings settings, Clock clock) {
        return new XstatsSettings(settings.bool("advertise", true), settings.bool("require-auth", false), clock);
    }
}
