package dev.pillarbox.smtp.plugins.examples.headercheck;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.List;

/** The {@code header-check} plugin. Off unless configured. */
public final class HeaderCheckPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public HeaderCheckPlugin() {
    }

    @Override
    public String name() {
        return "header-check";
    }

    @Override
    public String description() {
        return "refuse messages without exactly one From: and one Date: header (550 5.6.0)";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.of("required", "From, Date", "header fields a message must have (554 5.6.0)"),
                PluginSetting.of("max-header-bytes", "64k", "how much of the header section is read"));
    }

    @Override
    public Module module(PluginSettings settings) {
        return new HeaderCheckModule(HeaderCheckSettings.from(settings));
    }
}
