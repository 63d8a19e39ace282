package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.server.config.ConfigException;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.server.config.ReferenceConfig;
import dev.pillarbox.smtp.testing.ExternalCommand;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --listen lmtp://...} with no configuration file speaks LMTP (RFC 2033) from the greeting on: the greeting
 * names LMTP, LHLO greets, HELO/EHLO are refused, and after the body each recipient gets its own reply, so that real
 * LMTP clients (Python's smtplib, Postfix's smtp-source) stay in step.
 */
class LmtpListenerTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SMTP_SOURCE = Path.of("/usr/sbin/smtp-source");

    @TempDir
    Path dir;

    private final List<ReferenceServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ReferenceServer::close);
    }

    /** As {@code pillarbox serve --listen lmtp://127.0.0.1:0 --hostname mx.test --maildir DIR}, no file. */
    private ReferenceConfig lmtpFlags(Optional<Path> file) throws ConfigException {
        return ConfigLoader.load(file, Map.of(), List.of(
                new ConfigOverride("listeners", List.of("lmtp://127.0.0.1:0"), "--listen"),
                new ConfigOverride("hostname", "mx.test", "--hostname"),
                new ConfigOverride("maildir", dir.resolve("mail").toString(), "--maildir")), "default.test");
    }

    private InetSocketAddress start() throws Exception {
        ReferenceServer server = ReferenceServer.start(lmtpFlags(Optional.empty()));
        servers.add(server);
        assertThat(server.server().enabledPlugins()).contains("lmtp");
        return server.boundAddresses().get(0);
    }

    private List<Path> delivered() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("mail").resolve("new"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void lmtpListenerWithoutConfigurationGreetsAsLmtpAndAnswersEachRecipient() throws Exception {
        InetSocketAddress address = start();
        try (SmtpTestClient client = SmtpTestClient.connect(address)) {
            assertThat(client.readReply().toString()).isEqualTo("220 mx.test LMTP Pillarbox");
            assertThat(client.command("EHLO client.example").toString())
                    .isEqualTo("500 5.5.1 Command not recognized: this is an LMTP service, use LHLO");
            assertThat(client.command("HELO client.example").toString())
                    .isEqualTo("500 5.5.1 Command not recognized: this is an LMTP service, use LHLO");
            assertThat(client.command("MAIL FROM:<a@example.org>").toString())
                    .isEqualTo("503 5.5.1 Bad sequence of commands");
            Reply lhlo = client.command("LHLO client.example");
            assertThat(lhlo.code().value()).isEqualTo(250);
            assertThat(lhlo.lines()).startsWith("mx.test", "PIPELINING");
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<one@example.net>");
            client.command("RCPT TO:<two@example.net>");
            client.send("DATA");
            client.expect(354);
            client.sendBody("Subject: lmtp\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            String first = client.readReply().toString();
            String id = delivered().get(0).getFileName().toString();
            assertThat(first).isEqualTo("250 2.0.0 OK: queued as " + id);
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 OK: queued as " + id);
            // in step: the next reply is the NOOP's, not a third delivery reply
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
        assertThat(Files.readString(delivered().get(0), StandardCharsets.US_ASCII))
                .startsWith("Received: from client.example ([127.0.0.1])\r\n\tby mx.test with LMTP id ");
    }

    @Test
    void disablingTheLmtpPluginWithAnLmtpListenerIsRefusedAtStartUp() throws Exception {
        Path file = Files.writeString(dir.resolve("pillarbox.yaml"), "plugins:\n  disabled: [lmtp]\n");
        ReferenceConfig config = lmtpFlags(Optional.of(file));
        assertThatThrownBy(() -> ReferenceServer.start(config)).isInstanceOf(ConfigException.class)
                .hasMessage("listener lmtp speaks LMTP, which needs the lmtp plugin, but the configuration"
                        + " disables it: remove lmtp from plugins.disabled");
    }

    @Test
    void pythonSmtplibLmtpGetsOneReplyPerRecipient() throws Exception {
        InetSocketAddress address = start();
        // smtplib.LMTP.sendmail reads a single reply after DATA, so the script reads the second one itself
        String script = String.join("\n",
                "import smtplib, sys",
                "c = smtplib.LMTP()",
                "print(*c.connect(sys.argv[1], int(sys.argv[2])))",
                "print(c.ehlo('client.example')[0])",
                "print(*c.mail('a@example.org'))",
                "print(*c.rcpt('one@example.net'))",
                "print(*c.rcpt('two@example.net'))",
                "print(*c.data(b'Subject: python\\r\\n\\r\\nhello from smtplib\\r\\n'))",
                "print(*c.getreply())",
                "print(*c.noop())",
                "print(*c.quit())",
                "");
        ExternalCommand.Result run = ExternalCommand.run(Duration.ofSeconds(30), script,
                List.of(PYTHON.toString(), "-", address.getHostString(), String.valueOf(address.getPort())));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String id = delivered().get(0).getFileName().toString();
        assertThat(run.stdout()).isEqualTo(String.join("\n",
                "220 b'mx.test LMTP Pillarbox'",
                "250",
                "250 b'2.1.0 Sender OK'",
                "250 b'2.1.5 Recipient OK'",
                "250 b'2.1.5 Recipient OK'",
                "250 b'2.0.0 OK: queued as " + id + "'",
                "250 b'2.0.0 OK: queued as " + id + "'",
                "250 b'2.0.0 OK'",
                "221 b'2.0.0 Bye'",
                ""));
        assertThat(Files.readString(delivered().get(0), StandardCharsets.US_ASCII))
                .endsWith("\r\nSubject: python\r\n\r\nhello from smtplib\r\n");
    }

    @Test
    void postfixSmtpSourceSpeaksLmtpToIt() throws Exception {
        InetSocketAddress address = start();
        // three messages of two recipients each over one connection (-d): smtp-source reads a reply per recipient
        // after every DATA and fails on any reply it does not expect
        ExternalCommand.Result run = ExternalCommand.run(Duration.ofSeconds(60), "", List.of(SMTP_SOURCE.toString(),
                "-L", "-d", "-m", "3", "-r", "2", "-M", "client.example", "-f", "a@example.org",
                "-t", "rcpt@example.net", address.getHostString() + ":" + address.getPort()));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).as(run.toString()).isEmpty();
        assertThat(delivered()).hasSize(3);
    }
}
