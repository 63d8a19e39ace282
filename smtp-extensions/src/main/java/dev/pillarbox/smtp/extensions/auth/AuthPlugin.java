package dev.pillarbox.smtp.extensions.auth;

import com.google.inject.Module;
import com.google.inject.Scopes;
import com.google.inject.util.Modules;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;

/**
 * The {@code auth} plugin: SMTP AUTH with users from a password file ({@code users-file}, see
 * {@link PasswordFileAuthenticator}) and the settings {@link AuthSettings#from} reads. The file is read when the
 * server is created, not when the module is made.
 */
public final class AuthPlugin implements SmtpPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(AuthPlugin.class);

    /** Called by {@link java.util.ServiceLoader}. */
    public AuthPlugin() {
    }

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public String description() {
        return "SMTP AUTH (RFC 4954): PLAIN, LOGIN, SCRAM-SHA-256 against a password file of salted hashes";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.required("users-file", "user:scram-sha-256:... / user:pbkdf2-sha256:... lines"),
                PluginSetting.of("mechanisms", "PLAIN, LOGIN, SCRAM-SHA-256", "SASL mechanisms offered"),
                PluginSetting.of("allow-plaintext", "false", "offer AUTH without TLS"),
                PluginSetting.of("require-auth", "(none)", "listeners (or all) where MAIL needs AUTH first (RFC 6409)"),
                PluginSetting.of("failure-delay", "1s",
                        "delay before the first 535, doubled per failure from the same address"),
                PluginSetting.of("max-failure-delay", "16s", "ceiling of that delay"),
                PluginSetting.of("max-failures", "3", "failures per connection; the last gets 421 4.7.0 and close"),
                PluginSetting.of("tracked-clients", "10000", "addresses remembered for the delay"),
                PluginSetting.of("failure-window", "15m", "an address's failures are forgotten after this"));
    }

    @Override
    public Module module(PluginSettings settings) {
        String file = settings.string("users-file", null);
        if (file == null) {
            throw new IllegalArgumentException("plugins." + settings.plugin() + ".users-file is required: a password"
                    + " file of user:scram-sha-256:... lines (see docs/security.md)");
        }
        Path path = Path.of(file);
        AuthSettings auth = AuthSettings.from(settings);
        return Modules.combine(new AuthModule(auth), binder -> binder.bind(Authenticator.class).toProvider(() -> {
            try {
                PasswordFileAuthenticator users = PasswordFileAuthenticator.load(path);
                users.warnings().forEach(LOG::warn);
                return users;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password file " + path + ": " + e.getMessage(), e);
            }
        }).in(Scopes.SINGLETON));
    }
}
