package dev.pillarbox.smtp.extensions.smtputf8;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/** The SMTPUTF8 extension (RFC 6531) as a plugin named {@code smtputf8}, on by default. */
public final class SmtpUtf8Plugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public SmtpUtf8Plugin() {
    }

    @Override
    public String name() {
        return "smtputf8";
    }

    @Override
    public String description() {
        return "SMTPUTF8 (RFC 6531): UTF-8 addresses in transactions that ask for them";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new SmtpUtf8Module();
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }
}
