package dev.pillarbox.server.cli;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/** Adds the reference server's {@link AcceptedDomainsHook} to the RCPT hooks. */
public final class AcceptedDomainsModule extends AbstractModule {

    private final AcceptedDomainsHook hook;

    /** Installs {@code hook}. */
    public AcceptedDomainsModule(AcceptedDomainsHook hook) {
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    @Override
    protected void configure() {
        SmtpBinder.hook(binder(), RcptHook.class).toInstance(hook);
    }
}
