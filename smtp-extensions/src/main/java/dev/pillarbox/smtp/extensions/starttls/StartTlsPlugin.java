package dev.pillarbox.smtp.extensions.starttls;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.List;

/**
 * The {@code starttls} plugin: STARTTLS (RFC 3207) and the TLS context of implicit TLS listeners. Off unless
 * configured, because it needs a certificate; settings as {@link TlsSettings#from(PluginSettings)} reads them.
 */
public final class StartTlsPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public StartTlsPlugin() {
    }

    @Override
    public String name() {
        return "starttls";
    }

    @Override
    public String description() {
        return "STARTTLS (RFC 3207) and implicit TLS listeners (RFC 8314) with the configured certificate";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.of("certificate", "(none)", "PEM certificate chain, server certificate first"),
                PluginSetting.of("private-key", "(none)", "PEM private key, unencrypted PKCS#8"),
                PluginSetting.of("keystore", "(none)", "PKCS#12/JKS key store instead of the two PEM files"),
                PluginSetting.of("keystore-password-file", "(none)", "first line: the key store's password"),
                PluginSetting.of("protocols", "TLSv1.3, TLSv1.2", "allowed TLS versions"),
                PluginSetting.of("cipher-suites", "(the JDK's)", "allowed suites (JSSE names), server order preferred"),
                PluginSetting.of("require-tls", "(none)", "listeners (or all) where MAIL before TLS gets 530 5.7.0"));
    }

    @Override
    public Module module(PluginSettings settings) {
        return new StartTlsModule(TlsSettings.from(settings));
    }
}
