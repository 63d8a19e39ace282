package dev.pillarbox.smtp.plugins.examples.httpdelivery;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.List;

/** The {@code http-delivery} plugin. Off unless configured; needs {@code url}. */
public final class HttpDeliveryPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public HttpDeliveryPlugin() {
    }

    @Override
    public String name() {
        return "http-delivery";
    }

    @Override
    public String description() {
        return "POST each message to an HTTP endpoint; 2xx accepts, anything else defers (451)";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.required("url", "where messages are POSTed (http or https)"),
                PluginSetting.of("timeout", "10s", "how long the exchange may take before the message is deferred"));
    }

    @Override
    public Module module(PluginSettings settings) {
        return new HttpDeliveryModule(HttpDeliverySettings.from(settings));
    }
}
