package dev.pillarbox.smtp.plugins.examples.notifier;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.AfterStoreHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/** Binds the store notifier's after-store hook. */
public final class NotifierModule extends AbstractModule {

    private final NotifierSettings settings;

    /** A module with these settings. */
    public NotifierModule(NotifierSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(NotifierSettings.class).toInstance(settings);
        SmtpBinder.hook(binder(), AfterStoreHook.class).to(StoreNotifier.class);
    }
}
