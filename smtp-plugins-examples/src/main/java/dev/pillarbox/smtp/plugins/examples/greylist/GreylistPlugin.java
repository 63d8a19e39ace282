package dev.pillarbox.smtp.plugins.examples.greylist;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.time.Clock;

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
    public Module module(PluginSettings settings) {
        return new GreylistModule(GreylistSettings.from(settings, Clock.systemUTC()));
    }
}
