package dev.pillarbox.forward;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/**
 * Binds the gateway: the {@code forward} delivery target, its queue runner (a plugin service, started and stopped
 * with the server) and the RCPT hook that refuses unrouted recipients. Only binds: the runner opens the spool and
 * starts its threads in {@link QueueRunner#start()}.
 */
public final class ForwardModule extends AbstractModule {

    private final ForwardSettings settings;

    /** A module for the gateway configured by {@code settings}. */
    public ForwardModule(ForwardSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(ForwardSettings.class).toInstance(settings);
        bind(QueueRunner.class);
        SmtpBinder.service(binder()).to(QueueRunner.class);
        SmtpBinder.deliveryTarget(binder(), ForwardTarget.NAME).to(ForwardTarget.class);
        SmtpBinder.hook(binder(), RcptHook.class).to(RelayPolicy.class);
    }
}
