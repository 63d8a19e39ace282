package dev.pillarbox.smtp.plugins.examples.ratelimit;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.time.Clock;

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
    public Module module(PluginSettings settings) {
        return new RateLimitModule(RateLimitSettings.from(settings, Clock.systemUTC()));
    }
}
