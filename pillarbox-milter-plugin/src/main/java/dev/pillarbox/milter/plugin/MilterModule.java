package dev.pillarbox.milter.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.pillarbox.smtp.milter.MilterClient;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.DisconnectHook;
import dev.pillarbox.smtp.plugins.api.HeloHook;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.api.TransactionEndedHook;
import dev.pillarbox.smtp.plugins.api.UnknownCommandHook;
import jakarta.inject.Singleton;
import java.util.Objects;

/** Binds the milter hooks at every stage, with the filters of {@link MilterSettings}. */
public final class MilterModule extends AbstractModule {

    private final MilterSettings settings;

    /** A module running the filters of {@code settings}. */
    public MilterModule(MilterSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(MilterSettings.class).toInstance(settings);
        SmtpBinder.hook(binder(), ConnectHook.class).to(MilterHooks.class);
        SmtpBinder.hook(binder(), HeloHook.class).to(MilterHooks.class);
        SmtpBinder.hook(binder(), MailHook.class).to(MilterHooks.class);
        SmtpBinder.hook(binder(), RcptHook.class).to(MilterHooks.class);
        SmtpBinder.hook(binder(), DataHook.class).to(MilterHooks.class);
        SmtpBinder.hook(binder(), MessageHook.class).to(MilterHooks.class);
        SmtpBinder.hook(binder(), TransactionEndedHook.class).to(MilterHooks.class);
        SmtpBinder.hook(binder(), DisconnectHook.class).to(MilterHooks.class);
        SmtpBinder.hook(binder(), UnknownCommandHook.class).to(MilterHooks.class);
    }

    // one per server: its daemon thread keeps every filter session's deadline (created with the injector, not here)
    @Provides
    @Singleton
    MilterClient milterClient() {
        return new MilterClient();
    }
}
