package dev.pillarbox.smtp.extensions.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import dev.pillarbox.smtp.testing.TlsTestClient;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** STARTTLS (RFC 3207) end to end: a test CA's certificate, real handshakes, a real client. */
class StartTlsTest {

    @TempDir
    Path dir;

    private static SmtpTestServer server(TlsSettings settings) {
        return SmtpTestServer.start(new StartTlsModule(settings));
    }

    private static TlsSettings testCertificate() {
        return TlsSettings.context(TestPki.get().serverContext());
    }

    private static TlsTestClient client(SmtpTestServer server) {
        return TlsTestClient.plain(server.address(), TestPki.get().clientContext());
    }

    @Test
    void startTlsIsOfferedBeforeTlsAndNotAfter() {
        try (SmtpTestServer server = server(testCertificate()); TlsTestClient client = client(server)) {
            client.expect(220);
            assertThat(client.command("EHLO client.example").lines()).contains("STARTTLS");
            client.startTls();
            assertThat(client.command("EHLO client.example").lines()).doesNotContain("STARTTLS");
        }
    }

    @Test
    void bytesPipelinedAfterStartTlsAreDiscardedNotRunInsideTls() {
        // the STARTTLS command-injection class (CVE-2011-0411 and kin): RSET must not run inside TLS
        try (SmtpTestServer server = server(testCertificate()); TlsTestClient client = client(server)) {
            client.expect(220);
            client.command("EHLO client.example");
            client.sendRaw("STARTTLS\r\nRSET\r\n");
            assertThat(client.readReply()).hasToString("220 2.0.0 Ready to start TLS");
            client.handshake();
            // the first reply inside TLS answers the first command sent inside TLS
            assertThat(client.command("EHLO client.example").toString()).startsWith("250-mx.test.example\r\n");
            assertThat(client.command("NOOP")).hasToString("250 2.0.0 OK");
        }
    }

    @Test
    void sessionStateFromBeforeTlsIsForgotten() {
        try (SmtpTestServer server = server(testCertificate()); TlsTestClient client = client(server)) {
            client.expect(220);
            client.command("EHLO client.example");
            client.startTls();
            // RFC 3207 4.2: the HELO/EHLO of the plaintext part no longer counts
            assertThat(client.command("MAIL FROM:<a@example.org>")).hasToString("503 5.5.1 Bad sequence of commands");
            client.command("EHLO client.example");
            assertThat(client.command("MAIL FROM:<a@example.org>")).hasToString("250 2.1.0 Sender OK");
        }
    }

    @Test
    void startTlsWithAnArgumentIs501() {
        try (SmtpTestServer server = server(testCertificate()); TlsTestClient client = client(server)) {
            client.expect(220);
            client.command("EHLO client.example");
            assertThat(client.command("STARTTLS now")).hasToString("501 5.5.4 Syntax error (no parameters allowed)");
        }
    }

    @Test
    void startTlsWhenTlsIsActiveIs503() {
        try (SmtpTestServer server = server(testCertificate()); TlsTestClient client = client(server)) {
            client.expect(220);
            client.command("EHLO client.example");
            client.startTls();
            client.command("EHLO client.example");
            assertThat(client.command("STARTTLS")).hasToString("503 5.5.1 TLS already active");
        }
    }

    @Test
    void startTlsBeforeEhloOrInATransactionIs503() {
        try (SmtpTestServer server = server(testCertificate()); TlsTestClient client = client(server)) {
            client.expect(220);
            assertThat(client.command("STARTTLS")).hasToString("503 5.5.1 Bad sequence of commands");
            client.command("EHLO client.example");
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command("STARTTLS")).hasToString("503 5.5.1 Bad sequence of commands");
        }
    }

    @Test
    void requireTlsRefusesMailBeforeStartTls() {
        try (SmtpTestServer server = server(testCertificate().withRequireTls(List.of("smtp")));
             TlsTestClient client = client(server)) {
            client.expect(220);
            client.command("EHLO client.example");
            assertThat(client.command("MAIL FROM:<a@example.org>"))
                    .hasToString("530 5.7.0 Must issue a STARTTLS command first");
            client.startTls();
            client.command("EHLO client.example");
            assertThat(client.command("MAIL FROM:<a@example.org>")).hasToString("250 2.1.0 Sender OK");
        }
    }

    @Test
    void requireTlsOnAnotherListenerLeavesThisOneAlone() {
        try (SmtpTestServer server = server(testCertificate().withRequireTls(List.of("submission")));
             TlsTestClient client = client(server)) {
            client.expect(220);
            client.command("EHLO client.example");
            assertThat(client.command("MAIL FROM:<a@example.org>")).hasToString("250 2.1.0 Sender OK");
        }
    }

    @Test
    void configuredProtocolIsTheOneNegotiated() {
        try (SmtpTestServer server = server(testCertificate().withProtocols(List.of("TLSv1.2")));
             TlsTestClient client = client(server)) {
            client.expect(220);
            client.command("EHLO client.example");
            client.startTls();
            assertThat(client.tlsSession().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void configuredCipherSuiteIsTheOneNegotiated() {
        String suite = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        try (SmtpTestServer server = server(testCertificate().withProtocols(List.of("TLSv1.2"))
                .withCipherSuites(List.of(suite)));
             TlsTestClient client = client(server)) {
            client.expect(220);
            client.command("EHLO client.example");
            client.startTls();
            assertThat(client.tlsSession().getCipherSuite()).isEqualTo(suite);
        }
    }

    @Test
    void byDefaultOnlyTls13And12AreEnabledAndTls12Works() throws Exception {
        // RFC 8996 retires TLS 1.0 and 1.1: the default context enables 1.3 and 1.2 and nothing older
        SSLContext context = testCertificate().createContext();
        assertThat(context.createSSLEngine().getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(context.getServerSocketFactory().createServerSocket()).isInstanceOfSatisfying(SSLServerSocket.class,
                socket -> assertThat(socket.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2"));
        try (SmtpTestServer server = server(testCertificate());
             TlsTestClient client = TlsTestClient.plain(server.address(),
                     ConfiguredSslContext.wrap(TestPki.get().clientContext(), List.of("TLSv1.2"), List.of()))) {
            client.expect(220);
            client.command("EHLO client.example");
            client.startTls();
            assertThat(client.tlsSession().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void aFailedHandshakeClosesOnlyThatConnectionAndIsLoggedOnceAtInfo() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.pillarbox.smtp");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO); // the suite's logback-test.xml keeps the root at WARN
        logger.addAppender(appender);
        try (SmtpTestServer server = server(testCertificate().withProtocols(List.of("TLSv1.2")))) {
            // a client that offers only TLS 1.3 to a server that allows only TLS 1.2
            TlsTestClient refused = TlsTestClient.plain(server.address(),
                    ConfiguredSslContext.wrap(TestPki.get().clientContext(), List.of("TLSv1.3"), List.of()));
            refused.expect(220);
            refused.command("EHLO client.example");
            assertThatThrownBy(refused::startTls).isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class);
            refused.close();
            try (TlsTestClient next = client(server)) {
                next.expect(220);
                next.command("EHLO client.example");
                next.startTls();
                assertThat(next.command("NOOP")).hasToString("250 2.0.0 OK");
            }
        } finally { // closing the server waits for its connections: every closing line is written by now
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        List<ILoggingEvent> handshake = appender.list.stream()
                .filter(event -> event.getFormattedMessage().contains("handshake")
                        || (event.getThrowableProxy() != null && event.getThrowableProxy().getClassName().contains("SSL")))
                .toList();
        assertThat(handshake).as("log events about the failed handshake").singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("TLS handshake failed: ");
        });
    }

    @Test
    void angusMailSendsOverStartTlsTrustingOnlyTheTestCa() throws Exception {
        try (SmtpTestServer server = server(testCertificate())) {
            Session session = Session.getInstance(angus(server, TestPki.get().clientContext().getSocketFactory()));
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("alice@example.org"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.net"));
            message.setSubject("over TLS");
            message.setText("Hello over STARTTLS\n");
            Transport.send(message);

            StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(stored.receivedHeader()).contains(" with ESMTPS id ");
        }
    }

    @Test
    void angusMailWithStartTlsRequiredRefusesAnUntrustedCertificate() throws Exception {
        try (SmtpTestServer server = server(testCertificate())) {
            SSLContext trustsNothing = SSLContext.getInstance("TLS");
            trustsNothing.init(null, null, null); // the JDK's CAs: not the test CA
            Session session = Session.getInstance(angus(server, trustsNothing.getSocketFactory()));
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("alice@example.org"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.net"));
            message.setText("never sent\n");
            assertThatThrownBy(() -> Transport.send(message)).isInstanceOf(MessagingException.class);
            assertThat(server.store().messages()).isEmpty();
        }
    }

    @Test
    void pluginReadsPemFilesAndServesTheirCertificate() throws Exception {
        TestPki pki = TestPki.get();
        PluginSettings settings = PluginSettings.of("starttls", Map.of(
                "certificate", pki.writeChainPem(dir).toString(),
                "private-key", pki.writeKeyPem(dir).toString(),
                "protocols", "TLSv1.3"));
        try (SmtpTestServer server = SmtpTestServer.start(new StartTlsPlugin().module(settings));
             TlsTestClient client = client(server)) {
            client.expect(220);
            client.command("EHLO client.example");
            client.startTls();
            assertThat(client.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(client.tlsSession().getPeerCertificates()[0]).isNotEqualTo(pki.caCertificate());
        }
    }

    @Test
    void pluginWithoutCertificateFailsAtStartUp() {
        assertThatThrownBy(() -> new StartTlsPlugin().module(PluginSettings.empty("starttls")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugins.starttls.certificate and plugins.starttls.private-key (PEM files) or"
                        + " plugins.starttls.keystore are required: STARTTLS is offered only with a certificate");
    }

    @Test
    void pluginSettingsThatDoNotGoTogetherAreRefused() {
        assertThatThrownBy(() -> TlsSettings.from(PluginSettings.of("starttls", Map.of("certificate", "a.pem"))))
                .hasMessage("plugins.starttls.certificate and plugins.starttls.private-key go together, and exclude"
                        + " plugins.starttls.keystore");
        assertThatThrownBy(() -> TlsSettings.from(PluginSettings.of("starttls", Map.of("keystore", "a.p12"))))
                .hasMessage("plugins.starttls.keystore needs plugins.starttls.keystore-password-file (a file whose"
                        + " first line is the password)");
    }

    @Test
    void anUnsupportedProtocolIsAStartUpError() {
        TlsSettings settings = testCertificate().withProtocols(List.of("TLSv1.4"));
        assertThatThrownBy(settings::createContext).hasMessageStartingWith("TLS protocol TLSv1.4 is not supported");
    }

    @Test
    void aKeyThatIsNotPkcs8IsExplained() throws Exception {
        Path key = dir.resolve("rsa.pem");
        java.nio.file.Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        TlsSettings settings = TlsSettings.pem(TestPki.get().writeChainPem(dir), key);
        assertThatThrownBy(settings::createContext).hasMessage(key + " holds no unencrypted PKCS#8 key (BEGIN"
                + " PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out pkcs8.pem");
    }

    @Test
    void settingsDescribeThemselvesWithoutKeyMaterial() {
        assertThat(TlsSettings.pem(Path.of("/etc/tls/fullchain.pem"), Path.of("/etc/tls/privkey.pem")))
                .hasToString("TlsSettings[certificate /etc/tls/fullchain.pem, protocols=[TLSv1.3, TLSv1.2],"
                        + " cipherSuites=default, requireTls=[]]");
    }

    @Test
    void theAnswersAreTheCataloguedReplies() {
        assertThat(List.of(ExtensionReplies.TLS_READY, ExtensionReplies.TLS_NO_PARAMETERS, ExtensionReplies.TLS_ALREADY_ACTIVE,
                ExtensionReplies.TLS_REQUIRED)).extracting(Reply::toString).containsExactly(
                "220 2.0.0 Ready to start TLS", "501 5.5.4 Syntax error (no parameters allowed)",
                "503 5.5.1 TLS already active", "530 5.7.0 Must issue a STARTTLS command first");
    }

    private static Properties angus(SmtpTestServer server, SSLSocketFactory factory) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.address().getPort()));
        properties.put("mail.smtp.localhost", "client.example");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.socketFactory", factory);
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.timeout", "5000");
        properties.put("mail.smtp.connectiontimeout", "5000");
        return properties;
    }
}
