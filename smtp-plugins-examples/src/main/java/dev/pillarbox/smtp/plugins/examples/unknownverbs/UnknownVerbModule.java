package dev.pillarbox.smtp.plugins.examples.unknownverbs;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/** Replaces the server's unknown-verb fall-back (an {@code OptionalBinder} default) with {@link UnknownVerbPolicy}. */
public final class UnknownVerbModule extends AbstractModule {

    private final UnknownVerbSettings settings;

    /** A module with these settings. */
    public UnknownVerbModule(UnknownVerbSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(UnknownVerbSettings.class).toInstance(settings);
        SmtpBinder.unknownVerb(binder()).to(UnknownVerbPolicy.class);
    }
}
