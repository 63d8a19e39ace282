package dev.pillarbox.server.cli;

import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.Timeouts;
import dev.pillarbox.smtp.client.TlsMode;
import dev.pillarbox.smtp.client.TlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code send} and {@code load} share: where the server is, SMTP or LMTP, TLS, the HELO name and the
 * timeouts. Turned into smtp-client's {@link ClientSettings} by {@link #settings(ClientSettings.Builder)}.
 */
final class ClientOptions {

    @Option(names = "--server", required = true, paramLabel = "HOST:PORT", converter = ServerAddress.Converter.class,
            description = "The server to connect to, e.g. 127.0.0.1:2525 or [::1]:25.")
    ServerAddress server;

    @Option(names = "--lmtp", description = "Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the data.")
    boolean lmtp;

    @Option(names = "--tls", description = "STARTTLS (RFC 3207), required: stop before any mail if the server does "
            + "not offer it or the handshake fails.")
    boolean startTls;

    @Option(names = "--tls-optional", description = "STARTTLS when the server offers it, plain text otherwise.")
    boolean startTlsOptional;

    @Option(names = "--tls-on-connect", description = "TLS from the first byte (implicit TLS, RFC 8314), e.g. port "
            + "465.")
    boolean implicitTls;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "Trust the CA certificates in this PEM file "
            + "instead of the JDK's trust store.")
    Path tlsCa;

    @Option(names = "--tls-server-name", paramLabel = "NAME", description = "The name the server's certificate must "
            + "carry, also sent as SNI. Default: the host of --server.")
    String tlsServerName;

    @Option(names = "--helo", paramLabel = "NAME", description = "The EHLO/LHLO name. Default: the local address as "
            + "an address literal, e.g. [127.0.0.1].")
    String helo;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Every timeout (connect, each reply, each "
            + "write) in seconds. Default: RFC 5321 4.5.3.2's (minutes).")
    Integer timeoutSeconds;

    /**
     * {@code base} with these options applied.
     *
     * @throws UsageError if options contradict each other or the CA file cannot be read
     */
    ClientSettings.Builder settings(ClientSettings.Builder base) {
        base.lmtp(lmtp).tls(tls());
        if (helo != null) {
            base.heloName(helo);
        }
        if (timeoutSeconds != null) {
            if (timeoutSeconds < 1) {
                throw new UsageError("--timeout must be at least 1 second, not " + timeoutSeconds);
            }
            base.timeouts(Timeouts.all(Duration.ofSeconds(timeoutSeconds)));
        }
        return base;
    }

    /** A short description for a header line, e.g. {@code SMTP with STARTTLS}. */
    String describe() {
        String protocol = lmtp ? "LMTP" : "SMTP";
        if (implicitTls) {
            return protocol + " over TLS";
        }
        if (startTls) {
            return protocol + " with STARTTLS";
        }
        return startTlsOptional ? protocol + " with STARTTLS if offered" : protocol;
    }

    private TlsOptions tls() {
        List<String> chosen = new ArrayList<>();
        if (startTls) {
            chosen.add("--tls");
        }
        if (startTlsOptional) {
            chosen.add("--tls-optional");
        }
        if (implicitTls) {
            chosen.add("--tls-on-connect");
        }
        if (chosen.size() > 1) {
            throw new UsageError(String.join(" and ", chosen) + " exclude each other: choose one");
        }
        if (chosen.isEmpty()) {
            if (tlsCa != null || tlsServerName != null) {
                throw new UsageError((tlsCa != null ? "--tls-ca" : "--tls-server-name")
                        + " needs --tls, --tls-optional or --tls-on-connect");
            }
            return TlsOptions.none();
        }
        TlsMode mode = implicitTls ? TlsMode.IMPLICIT
                : startTls ? TlsMode.STARTTLS_REQUIRED : TlsMode.STARTTLS_OPPORTUNISTIC;
        TlsOptions.Builder tls = TlsOptions.builder().mode(mode);
        if (tlsCa != null) {
            tls.trustStore(trustStore(tlsCa));
        }
        if (tlsServerName != null) {
            tls.serverName(tlsServerName);
        }
        return tls.build();
    }

    /** The certificates of a PEM file (one or more) as a trust store. */
    private static KeyStore trustStore(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new UsageError("--tls-ca " + pem + " holds no certificate (expected PEM: -----BEGIN "
                        + "CERTIFICATE-----)");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return store;
        } catch (IOException e) {
            throw new UsageError("cannot read --tls-ca " + pem + ": " + e);
        } catch (GeneralSecurityException e) {
            throw new UsageError("--tls-ca " + pem + " is not a PEM certificate file: " + e.getMessage());
        }
    }
}
