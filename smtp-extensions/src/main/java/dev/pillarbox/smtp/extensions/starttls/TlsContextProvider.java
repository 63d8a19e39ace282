package dev.pillarbox.smtp.extensions.starttls;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;

/** Builds the TLS context once, when the injector is created: certificate files are read here, not in a module. */
final class TlsContextProvider implements Provider<SSLContext> {

    private final TlsSettings settings;

    @Inject
    TlsContextProvider(TlsSettings settings) {
        this.settings = settings;
    }

    @Override
    public SSLContext get() {
        try {
            return settings.createContext();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS certificate or key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the TLS certificate or key: " + e.getMessage(), e);
        }
    }
}
