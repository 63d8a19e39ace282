package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.server.config.ConfigException;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.server.config.ReferenceConfig;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.milter.testing.PyMilter;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The milter plugin in the reference server's jar, configured under {@code plugins.milter.filters}: a filter that is
 * down gets its default action, a bad setting stops the start with its name, and a filter's discard leaves the
 * Maildir empty while the client got 250.
 */
class MilterConfigurationTest {

    @TempDir
    Path dir;

    private ReferenceConfig config(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("pillarbox.yaml"), "maildir: " + dir.resolve("mail") + "\n" + yaml);
        return ConfigLoader.load(Optional.of(file), Map.of(), List.of(
                new ConfigOverride("listeners", List.of("127.0.0.1:0"), "--listen"),
                new ConfigOverride("hostname", "mx.test", "--hostname")), "default.test");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aFilterThatIsDownGetsItsDefaultAction() throws Exception {
        int port = closedPort();
        ReferenceConfig tempfail = config("plugins:\n  milter:\n    filters:\n"
                + "      - socket: inet:127.0.0.1:" + port + "\n        connect-timeout: 2s\n");
        try (ReferenceServer server = ReferenceServer.start(tempfail);
                SmtpTestClient client = SmtpTestClient.connect(server.boundAddresses().get(0))) {
            assertThat(client.readReply().toString()).isEqualTo("451 4.7.1 Service unavailable - try again later");
        }
        ReferenceConfig accept = config("plugins:\n  milter:\n    filters:\n"
                + "      - {socket: \"inet:127.0.0.1:" + port + "\", default-action: accept}\n");
        try (ReferenceServer server = ReferenceServer.start(accept);
                SmtpTestClient client = SmtpTestClient.inTransaction(server.boundAddresses().get(0))) {
            assertThat(client.data("Subject: hi\r\n\r\nhello\r\n").code().value()).isEqualTo(250);
        }
    }

    @Test
    void aDiscardLeavesTheMaildirEmptyAndTheClientGets250() throws Exception {
        try (PyMilter milter = PyMilter.onUnixSocket(dir, "full")) {
            ReferenceConfig config = config("plugins:\n  milter:\n    filters:\n"
                    + "      - socket: \"" + milter.socket() + "\"\n");
            Path maildir = dir.resolve("mail");
            try (ReferenceServer server = ReferenceServer.start(config);
                    SmtpTestClient client = SmtpTestClient.inTransaction(server.boundAddresses().get(0))) {
                Reply discarded = client.data("Subject: hi\r\nX-Do: discard\r\n\r\nthrown away\r\n");
                assertThat(discarded.toString()).startsWith("250 2.0.0 OK: queued as ");
                assertThat(maildir.resolve("new").toFile().list()).isEmpty();
                assertThat(maildir.resolve("tmp").toFile().list()).as("no partial file left").isEmpty();
                client.command("MAIL FROM:<a@example.org>");
                client.command("RCPT TO:<b@example.net>");
                assertThat(client.data("Subject: hi\r\n\r\nkept\r\n").code().value()).isEqualTo(250);
                assertThat(maildir.resolve("new").toFile().list()).hasSize(1);
            }
        }
    }

    @Test
    void aBadSettingStopsTheStartWithItsName() throws Exception {
        ReferenceConfig config = config("plugins:\n  milter:\n    filters:\n"
                + "      - socket: inet:127.0.0.1:11332\n        default-action: maybe\n");
        assertThatThrownBy(() -> ReferenceServer.start(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("plugins.milter.filters[0].default-action: unknown milter default action "
                        + "\"maybe\": expected tempfail, accept or reject");
        ReferenceConfig none = config("plugins:\n  milter: {}\n");
        assertThatThrownBy(() -> ReferenceServer.start(none)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("plugins.milter.filters: missing");
    }
}
