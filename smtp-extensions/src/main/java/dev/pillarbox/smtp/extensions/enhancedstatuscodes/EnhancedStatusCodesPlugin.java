package dev.pillarbox.smtp.extensions.enhancedstatuscodes;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/** The ENHANCEDSTATUSCODES extension (RFC 2034) as a plugin named {@code enhancedstatuscodes}, on by default; off, the server strips enhanced codes from its replies. */
public final class EnhancedStatusCodesPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public EnhancedStatusCodesPlugin() {
    }

    @Override
    public String name() {
        return "enhancedstatuscodes";
    }

    @Override
    public String description() {
        return "ENHANCEDSTATUSCODES (RFC 2034): RFC 3463 status codes in replies";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new EnhancedStatusCodesModule();
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }
}
