package dev.pillarbox.smtp.plugins.examples.ratelimit;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/** Binds {@link RateLimiter} as both a connect hook and a MAIL hook (one singleton, so one set of buckets). */
public final class RateLimitModule extends AbstractModule {

    private final RateLimitSettings settings;

    /** A module with these settings. */
    public RateLimitModule(RateLimitSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(RateLimitSettings.class).toInstance(settings);
        SmtpBinder.usesPolicyState(binder());
        SmtpBinder.hook(binder(), ConnectHook.class).to(RateLimiter.class);
        SmtpBinder.hook(binder(), MailHook.class).to(RateLimiter.class);
    }
}
