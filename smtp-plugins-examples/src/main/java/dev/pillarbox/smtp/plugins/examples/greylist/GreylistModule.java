package dev.pillarbox.smtp.plugins.examples.greylist;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/** Binds the greylisting RCPT hook. */
public final class GreylistModule extends AbstractModule {

    private final GreylistSettings settings;

    /** A module with these settings. */
    public GreylistModule(GreylistSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(GreylistSettings.class).toInstance(settings);
        SmtpBinder.usesPolicyState(binder());
        SmtpBinder.hook(binder(), RcptHook.class).to(Greylist.class);
    }
}
