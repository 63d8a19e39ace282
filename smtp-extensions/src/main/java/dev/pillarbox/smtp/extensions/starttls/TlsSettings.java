package dev.pillarbox.smtp.extensions.starttls;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * How the server speaks TLS: where its certificate and key come from, which protocol versions and cipher suites
 * it allows, and on which listeners it refuses MAIL before TLS. Immutable; made by the static factories and
 * {@code with...} copies, or {@link #from(PluginSettings)} for the {@code starttls} plugin. No secret is ever held
 * in a setting or printed: a key store password is read from a file when the context is built.
 */
public final class TlsSettings {

    /** TLS 1.3 and 1.2: the versions RFC 8996 and RFC 9325 leave; older ones are refused. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The listener-list value that means every listener. */
    public static final String ALL_LISTENERS = "all";

    private final Path certificate;
    private final Path privateKey;
    private final Path keyStore;
    private final Path keyStorePasswordFile;
    private final SSLContext context;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final Set<String> requireTls;

    private TlsSettings(Path certificate, Path privateKey, Path keyStore, Path keyStorePasswordFile,
            SSLContext context, List<String> protocols, List<String> cipherSuites, Set<String> requireTls) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.keyStore = keyStore;
        this.keyStorePasswordFile = keyStorePasswordFile;
        this.context = context;
        this.protocols = List.copyOf(protocols);
        this.cipherSuites = List.copyOf(cipherSuites);
        this.requireTls = Set.copyOf(requireTls);
        if (this.protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol version is needed");
        }
    }

    /**
     * The certificate chain (PEM, server certificate first, as certbot's {@code fullchain.pem}) and its private key
     * (PEM, unencrypted PKCS#8 {@code BEGIN PRIVATE KEY}, as certbot's {@code privkey.pem}).
     */
    public static TlsSettings pem(Path certificateChain, Path privateKey) {
        return new TlsSettings(Objects.requireNonNull(certificateChain, "certificateChain"),
                Objects.requireNonNull(privateKey, "privateKey"), null, null, null, DEFAULT_PROTOCOLS, List.of(),
                Set.of());
    }

    /** A PKCS#12 (or JKS) key store with one key entry; its password is the first line of {@code passwordFile}. */
    public static TlsSettings keyStore(Path keyStore, Path passwordFile) {
        return new TlsSettings(null, null, Objects.requireNonNull(keyStore, "keyStore"),
                Objects.requireNonNull(passwordFile, "passwordFile"), null, DEFAULT_PROTOCOLS, List.of(), Set.of());
    }

    /** An initialised context made elsewhere (tests, embedding applications); protocols and suites still apply. */
    public static TlsSettings context(SSLContext context) {
        return new TlsSettings(null, null, null, null, Objects.requireNonNull(context, "context"),
                DEFAULT_PROTOCOLS, List.of(), Set.of());
    }

    /**
     * The {@code starttls} plugin's settings: {@code certificate} and {@code private-key} (PEM files) or
     * {@code keystore} and {@code keystore-password-file}; {@code protocols} (default TLSv1.3, TLSv1.2);
     * {@code cipher-suites} (default: the JDK's); {@code require-tls} (listener names, or {@code all}; default
     * none).
     *
     * @throws IllegalArgumentException naming the key when the settings are incomplete or contradictory
     */
    public static TlsSettings from(PluginSettings settings) {
        String prefix = "plugins." + settings.plugin() + ".";
        String cert = settings.string("certificate", null);
        String key = settings.string("private-key", null);
        String store = settings.string("keystore", null);
        String password = settings.string("keystore-password-file", null);
        TlsSettings tls;
        if (cert != null || key != null) {
            if (cert == null || key == null || store != null) {
                throw new IllegalArgumentException(prefix + "certificate and " + prefix + "private-key go together,"
                        + " and exclude " + prefix + "keystore");
            }
            tls = pem(Path.of(cert), Path.of(key));
        } else if (store != null) {
            if (password == null) {
                throw new IllegalArgumentException(prefix + "keystore needs " + prefix + "keystore-password-file"
                        + " (a file whose first line is the password)");
            }
            tls = keyStore(Path.of(store), Path.of(password));
        } else {
            throw new IllegalArgumentException(prefix + "certificate and " + prefix + "private-key (PEM files)"
                    + " or " + prefix + "keystore are required: STARTTLS is offered only with a certificate");
        }
        return tls.withProtocols(settings.list("protocols", DEFAULT_PROTOCOLS))
                .withCipherSuites(settings.list("cipher-suites", List.of()))
                .withRequireTls(settings.list("require-tls", List.of()));
    }

    /** A copy allowing only these protocol versions, e.g. {@code TLSv1.3}. */
    public TlsSettings withProtocols(List<String> protocols) {
        return new TlsSettings(certificate, privateKey, keyStore, keyStorePasswordFile, context, protocols,
                cipherSuites, requireTls);
    }

    /** A copy allowing only these cipher suites (JSSE names), in order of preference; empty for the JDK's. */
    public TlsSettings withCipherSuites(List<String> cipherSuites) {
        return new TlsSettings(certificate, privateKey, keyStore, keyStorePasswordFile, context, protocols,
                cipherSuites, requireTls);
    }

    /** A copy that refuses MAIL before TLS on these listeners ({@value #ALL_LISTENERS} for every one). */
    public TlsSettings withRequireTls(Collection<String> listeners) {
        return new TlsSettings(certificate, privateKey, keyStore, keyStorePasswordFile, context, protocols,
                cipherSuites, Set.copyOf(listeners));
    }

    /** The allowed protocol versions. */
    public List<String> protocols() {
        return protocols;
    }

    /** The allowed cipher suites; empty means the JDK's defaults. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** Whether MAIL needs TLS on {@code listener}. */
    public boolean tlsRequiredOn(String listener) {
        return requireTls.contains(ALL_LISTENERS) || requireTls.contains(listener);
    }

    /**
     * Reads the certificate and key and builds the context, restricted to {@link #protocols()} and
     * {@link #cipherSuites()} on every socket and engine it makes.
     *
     * @throws IOException if a file cannot be read
     * @throws GeneralSecurityException if the key material is invalid, or a protocol or suite is not supported
     */
    public SSLContext createContext() throws IOException, GeneralSecurityException {
        SSLContext base = context != null ? context : load();
        List<String> supportedProtocols = Arrays.asList(base.getSupportedSSLParameters().getProtocols());
        for (String protocol : protocols) {
            if (!supportedProtocols.contains(protocol)) {
                throw new GeneralSecurityException("TLS protocol " + protocol + " is not supported (supported: "
                        + String.join(", ", supportedProtocols) + ")");
            }
        }
        List<String> supportedSuites = Arrays.asList(base.getSupportedSSLParameters().getCipherSuites());
        for (String suite : cipherSuites) {
            if (!supportedSuites.contains(suite)) {
                throw new GeneralSecurityException("cipher suite " + suite + " is not supported");
            }
        }
        return ConfiguredSslContext.wrap(base, protocols, cipherSuites);
    }

    private SSLContext load() throws IOException, GeneralSecurityException {
        KeyStore keys;
        char[] password;
        if (keyStore != null) {
            List<String> lines = Files.readAllLines(keyStorePasswordFile, StandardCharsets.UTF_8);
            password = (lines.isEmpty() ? "" : lines.get(0)).toCharArray();
            keys = KeyStore.getInstance(keyStore.toFile(), password);
        } else {
            password = new char[0];
            Certificate[] chain;
            try (InputStream in = Files.newInputStream(certificate)) {
                chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(new Certificate[0]);
            }
            if (chain.length == 0) {
                throw new GeneralSecurityException(certificate + " holds no PEM certificate");
            }
            PrivateKey key = privateKey(privateKey, chain[0].getPublicKey().getAlgorithm());
            keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, password, chain);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        Arrays.fill(password, '\0');
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        return tls;
    }

    private static PrivateKey privateKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException(file + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert"
                    + " it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out pkcs8.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        List<String> algorithms = new ArrayList<>(List.of(algorithm));
        if (algorithm.equals("EdDSA")) {
            algorithms.add("Ed25519");
        }
        GeneralSecurityException failure = null;
        try {
            for (String name : algorithms) {
                try {
                    return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    failure = e;
                }
            }
        } finally {
            Arrays.fill(der, (byte) 0);
        }
        throw new GeneralSecurityException(file + " is not a " + algorithm + " private key matching the certificate",
                failure);
    }

    @Override
    public String toString() {
        String source = context != null ? "context" : keyStore != null ? "keystore " + keyStore
                : "certificate " + certificate;
        return "TlsSettings[" + source + ", protocols=" + protocols + ", cipherSuites="
                + (cipherSuites.isEmpty() ? "default" : cipherSuites) + ", requireTls=" + requireTls + "]";
    }
}
