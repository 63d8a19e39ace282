package dev.pillarbox.smtp.extensions.eightbitmime;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/** The 8BITMIME extension (RFC 6152) as a plugin named {@code 8bitmime}, on by default. */
public final class EightBitMimePlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public EightBitMimePlugin() {
    }

    @Override
    public String name() {
        return "8bitmime";
    }

    @Override
    public String description() {
        return "8BITMIME (RFC 6152): accepts 8-bit MIME bodies, BODY=7BIT|8BITMIME";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new EightBitMimeModule();
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }
}
