package dev.pillarbox.smtp.plugins.examples.directory;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/** The {@code recipient-directory} plugin. Off unless configured; needs {@code file}. */
public final class DirectoryPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public DirectoryPlugin() {
    }

    @Override
    public String name() {
        return "recipient-directory";
    }

    @Override
    public String description() {
        return "accept only recipients listed in a file (550 5.1.1 otherwise); optional VRFY from it";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new DirectoryModule(DirectorySettings.from(settings));
    }
}
