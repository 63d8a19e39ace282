package dev.pillarbox.smtp.plugins.examples.greylist;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.time.Clock;
import java.util.List;

/** The {@code greylist} plugin. Off unless configured. */
public final class GreylistPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public GreylistPlugin() {
    }

    @Override
    public String name() {
        return "greylist";
    }

    @Override
    public String description() {
        return "greylisting: defer the first attempt of a new (client network, sender, recipient) triplet";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.of("delay", "5m", "how long a new triplet is deferred"),
                PluginSetting.of("unconfirmed-expiry", "4h", "how long a deferred triplet is remembered"),
                PluginSetting.of("confirmed-expiry", "36d", "how long a confirmed triplet is remembered"),
                PluginSetting.of("max-entries", "100000", "triplets kept (least recently used go first)"));
    }

    @Override
    public Module module(PluginSettings settings) {
        return new GreylistModule(GreylistSettings.from(settings, Clock.systemUTC()));
    }
}
