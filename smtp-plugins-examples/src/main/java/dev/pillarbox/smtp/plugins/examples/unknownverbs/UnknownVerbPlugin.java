package dev.pillarbox.smtp.plugins.examples.unknownverbs;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.List;

/** The {@code unknown-verbs} plugin. Off unless configured. */
public final class UnknownVerbPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public UnknownVerbPlugin() {
    }

    @Override
    public String name() {
        return "unknown-verbs";
    }

    @Override
    public String description() {
        return "502 for known but unimplemented verbs, 500 for the rest, 421 after too many";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.of("not-implemented", "TURN, ETRN, ATRN, SAML, SOML, SEND, XCLIENT",
                        "verbs answered 502 5.5.1 rather than 500"),
                PluginSetting.of("max-unknown", "3", "unknown verbs before 421 and close"));
    }

    @Override
    public Module module(PluginSettings settings) {
        return new UnknownVerbModule(UnknownVerbSettings.from(settings));
    }
}
