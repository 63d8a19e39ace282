package dev.pillarbox.smtp.extensions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import dev.pillarbox.smtp.testing.TlsTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code starttls} and {@code auth} plugins found by ServiceLoader and configured as an operator would: a
 * submission listener (RFC 6409) that needs TLS, then AUTH, before MAIL, next to a port-25 listener that needs
 * neither.
 */
class SubmissionPluginsTest {

    @TempDir
    Path dir;

    private SmtpTestServer server() throws Exception {
        TestPki pki = TestPki.get();
        String chain = pki.writeChainPem(dir).toString();
        String key = pki.writeKeyPem(dir).toString();
        Path users = dir.resolve("users");
        Files.write(users, List.of(PasswordFileAuthenticator.scramEntry("alice", "pw-of-alice", 4096)));
        return SmtpTestServer.builder().settings(s -> s.discoverPlugins(true)
                .listeners(List.of(ListenerSettings.loopback(),
                        ListenerSettings.loopback().withName("submission")))
                .plugin(PluginSettings.of("starttls", Map.of(
                        "certificate", chain, "private-key", key,
                        "require-tls", "submission")))
                .plugin(PluginSettings.of("auth", Map.of(
                        "users-file", users.toString(), "require-auth", List.of("submission"),
                        "failure-delay", "0s", "max-failure-delay", "0s"))))
                .start();
    }

    @Test
    void submissionNeedsTlsThenAuthBeforeMail() throws Exception {
        try (SmtpTestServer server = server();
             TlsTestClient client = TlsTestClient.plain(server.server().boundAddress("submission"),
                     TestPki.get().clientContext())) {
            assertThat(server.server().enabledPlugins()).contains("starttls", "auth");
            client.expect(220);
            List<String> plainKeywords = client.command("EHLO client.example").lines();
            assertThat(plainKeywords).contains("STARTTLS").noneMatch(line -> line.startsWith("AUTH"));
            assertThat(client.command("MAIL FROM:<alice@example.org>"))
                    .hasToString("530 5.7.0 Must issue a STARTTLS command first");
            client.startTls();
            assertThat(client.command("EHLO client.example").lines()).contains("AUTH PLAIN LOGIN SCRAM-SHA-256")
                    .doesNotContain("STARTTLS");
            assertThat(client.command("MAIL FROM:<alice@example.org>")).hasToString("530 5.7.0 Authentication required");
            assertThat(client.command("AUTH PLAIN " + AuthTest.plain("alice", "pw-of-alice")))
                    .hasToString("235 2.7.0 Authentication successful");
            assertThat(client.command("MAIL FROM:<alice@example.org> AUTH=alice@example.org"))
                    .hasToString("250 2.1.0 Sender OK");
        }
    }

    @Test
    void thePublicListenerNeedsNeither() throws Exception {
        try (SmtpTestServer server = server();
             TlsTestClient client = TlsTestClient.plain(server.server().boundAddress("smtp"),
                     TestPki.get().clientContext())) {
            client.expect(220);
            client.command("EHLO client.example");
            assertThat(client.command("MAIL FROM:<someone@example.net>")).hasToString("250 2.1.0 Sender OK");
        }
    }
}
