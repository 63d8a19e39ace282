package dev.pillarbox.smtp.extensions.dsn;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/** The DSN extension (RFC 3461) as a plugin named {@code dsn}, on by default. */
public final class DsnPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public DsnPlugin() {
    }

    @Override
    public String name() {
        return "dsn";
    }

    @Override
    public String description() {
        return "DSN (RFC 3461): accepts and carries RET, ENVID, NOTIFY and ORCPT";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new DsnModule();
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }
}
