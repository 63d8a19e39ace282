package dev.pillarbox.smtp.extensions.auth;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds SMTP AUTH (RFC 4954): the verb, its EHLO keyword ({@code AUTH PLAIN LOGIN SCRAM-SHA-256}, offered over
 * TLS only unless plaintext AUTH is allowed), the {@code AUTH=} MAIL parameter and the submission policy hook.
 * An {@link Authenticator} must be bound by another module, e.g.
 *
 * <pre>{@code
 * new AuthModule(AuthSettings.defaults()),
 * binder -> binder.bind(Authenticator.class).toInstance(PasswordFileAuthenticator.load(path))
 * }</pre>
 */
public final class AuthModule extends AbstractModule {

    private final AuthSettings settings;

    /** AUTH with these settings. */
    public AuthModule(AuthSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(AuthSettings.class).toInstance(settings);
        requireBinding(Authenticator.class);
        SmtpBinder.usesPolicyState(binder());
        SmtpBinder.verb(binder(), "AUTH").to(AuthHandler.class);
        String keyword = "AUTH " + String.join(" ", settings.mechanisms());
        SmtpBinder.capability(binder()).toInstance(session -> session.isTls() || settings.allowPlaintext()
                ? Optional.of(keyword) : Optional.empty());
        SmtpBinder.mailParameter(binder(), "AUTH", 500); // RFC 4954: AUTH= may add up to 500 characters
        SmtpBinder.hook(binder(), MailHook.class).to(RequireAuthHook.class);
        SmtpBinder.hook(binder(), MailHook.class).to(AuthParameterHook.class);
    }

    /** Failures counted in the shared state when a state store is configured, else in this instance's memory. */
    @Provides
    @Singleton
    AuthFailures failures(AuthSettings auth, Optional<PolicyState> shared) {
        return shared.<AuthFailures>map(state -> new SharedFailureThrottle(state, auth))
                .orElseGet(() -> new FailureThrottle(auth));
    }
}
