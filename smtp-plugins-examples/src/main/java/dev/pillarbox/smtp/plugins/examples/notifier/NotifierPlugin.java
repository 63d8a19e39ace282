package dev.pillarbox.smtp.plugins.examples.notifier;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.List;

/** The {@code store-notifier} plugin. Off unless configured; needs {@code url}. */
public final class NotifierPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public NotifierPlugin() {
    }

    @Override
    public String name() {
        return "store-notifier";
    }

    @Override
    public String description() {
        return "After a message is stored, POST its queue id and envelope to an HTTP endpoint (retried, never"
                + " delaying the 250)";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.required("url", "where notifications are POSTed (http or https)"),
                PluginSetting.of("attempts", "3", "tries per notification (1 to 10)"),
                PluginSetting.of("backoff", "500ms", "wait before the second try, doubled before each later one"),
                PluginSetting.of("timeout", "5s", "how long one try may take"),
                PluginSetting.of("max-pending", "1000", "notifications in flight; more are dropped and logged"));
    }

    @Override
    public Module module(PluginSettings settings) {
        return new NotifierModule(NotifierSettings.from(settings));
    }
}
