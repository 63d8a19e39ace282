package dev.pillarbox.smtp.plugins.examples.directory;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.List;

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
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.required("file", "the recipient file, one address (or alias: targets) per line"),
                PluginSetting.of("vrfy", "false", "answer VRFY from the file (else 252 like the built-in verb)"));
    }

    @Override
    public Module module(PluginSettings settings) {
        return new DirectoryModule(DirectorySettings.from(settings));
    }
}
