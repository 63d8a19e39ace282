package dev.pillarbox.milter.plugin;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/**
 * {@code milter}: runs mail filters (rspamd, OpenDKIM, any Sendmail/Postfix milter) at each stage of every SMTP
 * session, in the configured order, over milter protocol 6 ({@code plugins.milter.filters}).
 */
public final class MilterPlugin implements SmtpPlugin {

    @Override
    public String name() {
        return "milter";
    }

    @Override
    public String description() {
        return "Mail filters over the milter protocol (rspamd, OpenDKIM, ...): their decisions answer each command, "
                + "their changes apply to the message";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new MilterModule(MilterSettings.from(settings));
    }
}
