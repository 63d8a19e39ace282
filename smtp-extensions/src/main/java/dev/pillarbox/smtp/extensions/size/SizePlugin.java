package dev.pillarbox.smtp.extensions.size;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/** The SIZE extension (RFC 1870) as a plugin named {@code size}, on by default; no settings of its own. */
public final class SizePlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public SizePlugin() {
    }

    @Override
    public String name() {
        return "size";
    }

    @Override
    public String description() {
        return "SIZE (RFC 1870): advertises the maximum message size and refuses larger declared sizes";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new SizeModule();
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }
}
