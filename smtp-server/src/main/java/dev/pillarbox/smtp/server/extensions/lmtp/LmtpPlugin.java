package dev.pillarbox.smtp.server.extensions.lmtp;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/**
 * The LMTP listener mode (RFC 2033) as a plugin named {@code lmtp}. Off by default, because it is not an ESMTP
 * extension but a listener mode: enable it for a server with an LMTP listener ({@code lmtp://} in the configuration)
 * to get LHLO there and HELO/EHLO refused there. It changes nothing on SMTP listeners.
 */
public final class LmtpPlugin implements SmtpPlugin {

    @Override
    public String name() {
        return "lmtp";
    }

    @Override
    public String description() {
        return "LMTP (RFC 2033): LHLO on listeners with protocol LMTP, HELO/EHLO refused there";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new LmtpModule();
    }
}
