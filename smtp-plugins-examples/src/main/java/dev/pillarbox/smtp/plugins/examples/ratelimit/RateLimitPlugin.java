package dev.pillarbox.smtp.plugins.examples.ratelimit;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.time.Clock;
import java.util.List;

/** The {@code rate-limit} plugin. Off unless configured. */
public final class RateLimitPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public RateLimitPlugin() {
    }

    @Override
    public String name() {
        return "rate-limit";
    }

    @Override
    public String description() {
        return "per-client token buckets for connections (421 4.7.0) and MAIL FROM (450 4.7.1)";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.of("connection-rate", "60", "connections per minute per client address"),
                PluginSetting.of("connection-burst", "10", "connections at once above the rate"),
                PluginSetting.of("mail-rate", "120", "MAIL FROM per minute per client address"),
                PluginSetting.of("mail-burst", "20", "MAIL FROM at once above the rate"),
                PluginSetting.of("max-clients", "10000", "client addresses tracked"));
    }

    @Override
    public Module module(PluginSettings settings) {
        return new RateLimitModule(RateLimitSettings.from(settings, Clock.systemUTC()));
    }
}
