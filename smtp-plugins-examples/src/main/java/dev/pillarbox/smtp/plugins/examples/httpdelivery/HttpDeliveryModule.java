package dev.pillarbox.smtp.plugins.examples.httpdelivery;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/** Binds the HTTP delivery message hook. */
public final class HttpDeliveryModule extends AbstractModule {

    private final HttpDeliverySettings settings;

    /** A module with these settings. */
    public HttpDeliveryModule(HttpDeliverySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(HttpDeliverySettings.class).toInstance(settings);
        SmtpBinder.hook(binder(), MessageHook.class).to(HttpDelivery.class);
    }
}
