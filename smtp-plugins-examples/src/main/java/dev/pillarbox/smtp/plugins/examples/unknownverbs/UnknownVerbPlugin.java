package dev.pillarbox.smtp.plugins.examples.unknownverbs;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

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
    public Module module(PluginSettings settings) {
        return new UnknownVerbModule(UnknownVerbSettings.from(settings));
    }
}
