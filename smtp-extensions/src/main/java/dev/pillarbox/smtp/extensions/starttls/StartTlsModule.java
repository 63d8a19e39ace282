package dev.pillarbox.smtp.extensions.starttls;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds STARTTLS (RFC 3207): the verb, its EHLO keyword (offered only before TLS), the TLS context that STARTTLS
 * and implicit TLS listeners use (built from {@link TlsSettings} when the injector is created, not in
 * {@link #configure()}), and the require-TLS policy hook.
 *
 * <pre>{@code
 * SmtpServer.create(settings, new MaildirStoreModule(dir),
 *         new StartTlsModule(TlsSettings.pem(Path.of("fullchain.pem"), Path.of("privkey.pem"))));
 * }</pre>
 */
public final class StartTlsModule extends AbstractModule {

    private final TlsSettings settings;

    /** STARTTLS with these settings. */
    public StartTlsModule(TlsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(TlsSettings.class).toInstance(settings);
        ExtensionPoints.tlsContext(binder()).toProvider(TlsContextProvider.class).in(Scopes.SINGLETON);
        SmtpBinder.verb(binder(), "STARTTLS").to(StartTlsHandler.class);
        // RFC 3207 4.2: a server must not offer STARTTLS again once TLS is active
        SmtpBinder.capability(binder()).toInstance(
                session -> session.isTls() ? Optional.empty() : Optional.of("STARTTLS"));
        SmtpBinder.hook(binder(), MailHook.class).to(RequireTlsHook.class);
    }
}
