package dev.pillarbox.milter.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.extensions.auth.AuthModule;
import dev.pillarbox.smtp.extensions.auth.AuthSettings;
import dev.pillarbox.smtp.extensions.auth.Authenticator;
import dev.pillarbox.smtp.extensions.auth.PasswordFileAuthenticator;
import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.milter.FilterConfig;
import dev.pillarbox.smtp.milter.testing.PyMilter;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import dev.pillarbox.smtp.testing.TlsTestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macros a filter gets from a session that used STARTTLS and AUTH, checked at the pymilter test milter: the TLS
 * macros with the second EHLO (Postfix's {@code milter_helo_macros}) and the AUTH macros with MAIL
 * ({@code milter_mail_macros}), under Postfix's names.
 */
class TlsAuthMacrosTest {

    @TempDir
    Path dir;

    @Test
    void aFilterSeesTheTlsVersionCipherAndTheAuthMechanismAndIdentity() throws Exception {
        Authenticator users = PasswordFileAuthenticator.parse(List.of(
                PasswordFileAuthenticator.pbkdf2Entry("alice", "a long enough password", 4096)), "test-users");
        try (PyMilter milter = PyMilter.onUnixSocket(dir, "full");
                SmtpTestServer server = SmtpTestServer.builder().modules(
                        new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())),
                        new AuthModule(AuthSettings.defaults().withFailureDelay(Duration.ZERO, Duration.ZERO)),
                        binder -> binder.bind(Authenticator.class).toInstance(users),
                        new MilterModule(MilterSettings.of(List.of(FilterConfig.builder(milter.socket())
                                .commandTimeout(Duration.ofSeconds(10)).contentTimeout(Duration.ofSeconds(10))
                                .build()))))
                        .start()) {
            String protocol;
            String cipher;
            try (TlsTestClient client = TlsTestClient.plain(server.address(), TestPki.get().clientContext())) {
                client.expect(220);
                client.command("EHLO client.example");
                client.startTls();
                protocol = client.tlsSession().getProtocol();
                cipher = client.tlsSession().getCipherSuite();
                assertThat(client.command("EHLO client.example").code().value()).isEqualTo(250);
                assertThat(client.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(
                        "\0alice\0a long enough password".getBytes(StandardCharsets.UTF_8))).code().value())
                        .isEqualTo(235);
                assertThat(client.command("MAIL FROM:<alice@example.org>").code().value()).isEqualTo(250);
                assertThat(client.command("RCPT TO:<bob@example.net>").code().value()).isEqualTo(250);
                assertThat(client.command("DATA").code().value()).isEqualTo(354);
                assertThat(client.command("Subject: macros\r\n\r\nbody\r\n.").code().value()).isEqualTo(250);
            }
            StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(10)).get(0);
            Map<String, String> report = milter.report(PyMilterPluginTest.traceId(stored));
            assertThat(report)
                    .containsEntry("macros_helo.{tls_version}", protocol)
                    .containsEntry("macros_helo.{cipher}", cipher)
                    .containsEntry("macros_helo.{cipher_bits}", SessionMacros.cipherBits(cipher))
                    .containsEntry("macros.mail.{auth_type}", "PLAIN")
                    .containsEntry("macros.mail.{auth_authen}", "alice");
        }
    }
}
