package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.SocketFactory;

/**
 * TLS material for the client tests, from smtp-testing's throw-away PKI ({@link TestPki}: a test CA and a
 * certificate for {@code mx.test.example}, {@code localhost} and {@code 127.0.0.1}, made in memory per test run).
 */
final class TestTls {

    static final char[] TRUST_STORE_PASSWORD = "changeit".toCharArray();

    private TestTls() {
    }

    /** Writes a PKCS12 trust store holding only the test CA into {@code dir}. */
    static Path trustStore(Path dir) throws IOException {
        Path file = dir.resolve("trust.p12");
        if (Files.exists(file)) {
            return file;
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("test-ca", TestPki.get().caCertificate());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, TRUST_STORE_PASSWORD);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return file;
    }

    /** TLS options trusting the test CA through a trust store file, with host name verification on. */
    static TlsOptions.Builder options(Path dir, TlsMode mode) throws IOException {
        return TlsOptions.builder().mode(mode).trustStore(trustStore(dir), TRUST_STORE_PASSWORD);
    }

    /** Sockets that speak TLS to a server with the test certificate (for readiness checks). */
    static SocketFactory sockets() {
        return TestPki.get().clientContext().getSocketFactory();
    }

    /** Writes {@code fullchain.pem} and {@code privkey.pem} into {@code dir}; returns the chain's path. */
    static Path pems(Path dir) throws IOException {
        TestPki.get().writeKeyPem(dir);
        return TestPki.get().writeChainPem(dir);
    }
}
