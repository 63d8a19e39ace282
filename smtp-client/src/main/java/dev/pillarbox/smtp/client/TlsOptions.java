package dev.pillarbox.smtp.client;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for a client: the {@link TlsMode}, which certificates are trusted, and whether the server's name is checked.
 * Immutable; made by {@link #none()}, {@link #mode(TlsMode)} or {@link #builder()}.
 *
 * <p>By default the JDK's trust store decides which certificates are trusted and the host name is verified (RFC 6125
 * via the JDK's "HTTPS" endpoint identification) against the host the client connected to, or against
 * {@link Builder#serverName(String)} when given. A host name that does not match the certificate fails the handshake.
 */
public final class TlsOptions {

    private static final TlsOptions NONE = new TlsOptions(TlsMode.NONE, null, true, null);

    private final TlsMode mode;
    private final SSLContext context;
    private final boolean verifyHostname;
    private final String serverName;

    private TlsOptions(TlsMode mode, SSLContext context, boolean verifyHostname, String serverName) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.context = context;
        this.verifyHostname = verifyHostname;
        this.serverName = serverName;
    }

    /** No TLS. */
    public static TlsOptions none() {
        return NONE;
    }

    /** {@code mode} with the JDK's trust store and host name verification. */
    public static TlsOptions mode(TlsMode mode) {
        return builder().mode(mode).build();
    }

    /** A builder starting from {@link TlsMode#STARTTLS_REQUIRED}, the JDK's trust store and verification on. */
    public static Builder builder() {
        return new Builder();
    }

    /** The mode. */
    public TlsMode mode() {
        return mode;
    }

    /** The context the handshake uses; the JDK default when none was given. */
    public SSLContext context() {
        if (context != null) {
            return context;
        }
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no default TLS context: " + e.getMessage(), e);
        }
    }

    /** Whether the server's certificate must name the server (default true). */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    /** The name the certificate must carry and that is sent as SNI, if it is not the host connected to. */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    @Override
    public String toString() {
        return "TlsOptions[" + mode + (verifyHostname ? ", verify " + (serverName == null ? "host" : serverName)
                : ", no host name verification") + (context == null ? "" : ", own trust") + "]";
    }

    /** Collects the options; {@link #build()} makes the immutable value. */
    public static final class Builder {
        private TlsMode mode = TlsMode.STARTTLS_REQUIRED;
        private SSLContext context;
        private boolean verifyHostname = true;
        private String serverName;

        private Builder() {
        }

        /** The mode (default {@link TlsMode#STARTTLS_REQUIRED}). */
        public Builder mode(TlsMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Trusts what {@code context} trusts (and presents its client certificate, if it has one). */
        public Builder context(SSLContext context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Trusts exactly the certificates in a key store file (PKCS12 or JKS, detected by the JDK).
         *
         * @param password the store's password; null for a store without integrity password
         * @throws IOException if the file cannot be read or is not a key store
         */
        public Builder trustStore(Path file, char[] password) throws IOException {
            KeyStore store;
            try {
                store = KeyStore.getInstance(file.toFile(), password);
            } catch (GeneralSecurityException e) {
                throw new IOException("trust store " + file + " cannot be loaded: " + e.getMessage(), e);
            }
            return trustStore(store);
        }

        /** Trusts exactly the certificates in {@code store}. */
        public Builder trustStore(KeyStore store) {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, factory.getTrustManagers(), null);
                this.context = tls;
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("trust store cannot be used: " + e.getMessage(), e);
            }
            return this;
        }

        /** Whether the certificate must name the server (default true; false only for tests and known peers). */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        /** The name to verify and send as SNI instead of the host connected to, e.g. when connecting by address. */
        public Builder serverName(String name) {
            this.serverName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The options. */
        public TlsOptions build() {
            return new TlsOptions(mode, context, verifyHostname, serverName);
        }
    }
}
