package dev.pillarbox.forward;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.List;

/**
 * The {@code forward} plugin: a forwarding gateway. Enable it under {@code plugins.forward} with its routes and pick
 * its delivery target ({@code delivery.required: [forward]}); see docs/forwarding.md.
 */
public final class ForwardPlugin implements SmtpPlugin {

    /** For {@link java.util.ServiceLoader}. */
    public ForwardPlugin() {
    }

    @Override
    public String name() {
        return ForwardSettings.PLUGIN;
    }

    @Override
    public String description() {
        return "forwarding gateway: a durable queue and delivery to configured next hops over SMTP or LMTP,"
                + " with retries and RFC 3464 bounces (delivery target \"forward\")";
    }

    @Override
    public List<PluginSetting> settings() {
        return ForwardSettings.documented();
    }

    @Override
    public Module module(PluginSettings settings) {
        return new ForwardModule(ForwardSettings.from(settings));
    }
}
