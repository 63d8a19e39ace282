package dev.pillarbox.smtp.plugins.examples.xstats;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.AfterStoreHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Optional;

/** Binds the {@code XSTATS} verb, its EHLO keyword and the two hooks that feed its counters. */
public final class XstatsModule extends AbstractModule {

    private final XstatsSettings settings;

    /** A module with these settings. */
    public XstatsModule(XstatsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(XstatsSettings.class).toInstance(settings);
        SmtpBinder.verb(binder(), "XSTATS").to(XstatsHandler.class);
        boolean advertise = settings.advertise();
        SmtpBinder.capability(binder()).toInstance(session -> advertise ? Optional.of("XSTATS") : Optional.empty());
        SmtpBinder.hook(binder(), ConnectHook.class).to(StatisticsHooks.CountSessions.class);
        SmtpBinder.hook(binder(), AfterStoreHook.class).to(StatisticsHooks.CountMessages.class);
    }

    // One counter per injector, shared by the handler and both hooks; made at start, not in configure().
    @Provides
    @Singleton
    ServerStatistics statistics(XstatsSettings settings) {
        return new ServerStatistics(settings.clock());
    }
}
