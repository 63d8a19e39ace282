package dev.pillarbox.smtp.extensions.lmtp;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/**
 * The LMTP listener mode (RFC 2033) as a plugin named {@code lmtp}: the LHLO verb. It is not an ESMTP extension but
 * what an LMTP listener cannot work without, so it is on whenever a listener speaks LMTP ({@code lmtp://} in the
 * configuration) and off otherwise; disabling it with an LMTP listener is a start-up error. It changes nothing on
 * SMTP listeners.
 */
public final class LmtpPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public LmtpPlugin() {
    }

    @Override
    public String name() {
        return "lmtp";
    }

    @Override
    public String description() {
        return "LMTP (RFC 2033): LHLO on listeners with protocol LMTP; on whenever a listener speaks LMTP";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new LmtpModule();
    }

    @Override
    public boolean requiredFor(Protocol protocol) {
        return protocol == Protocol.LMTP;
    }
}
