package dev.pillarbox.smtp.plugins.examples.headercheck;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/** Binds the header-checking message hook. */
public final class HeaderCheckModule extends AbstractModule {

    private final HeaderCheckSettings settings;

    /** A module with these settings. */
    public HeaderCheckModule(HeaderCheckSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(HeaderCheckSettings.class).toInstance(settings);
        SmtpBinder.hook(binder(), MessageHook.class).to(HeaderCheck.class);
    }
}
