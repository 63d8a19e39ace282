package dev.pillarbox.smtp.extensions.starttls;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/**
 * The {@code starttls} plugin: STARTTLS (RFC 3207) and the TLS context of implicit TLS listeners. Off unless
 * configured, because it needs a certificate; settings as {@link TlsSettings#from(PluginSettings)} reads them.
 */
public final class StartTlsPlugin implements SmtpPlugin {

    @Override
    public String name() {
        return "starttls";
    }

    @Override
    public String description() {
        return "STARTTLS (RFC 3207) and implicit TLS listeners (RFC 8314) with the configured certificate";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new StartTlsModule(TlsSettings.from(settings));
    }
}
