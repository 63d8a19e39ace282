package dev.pillarbox.smtp.plugins.examples.httpdelivery;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

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
    public Module module(PluginSettings settings) {
        return new HttpDeliveryModule(HttpDeliverySettings.from(settings));
    }
}
