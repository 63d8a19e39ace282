package dev.pillarbox.smtp.plugins.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pillarbox.server.cli.ReferenceServer;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples are usable as-is from the reference server's configuration: the YAML of this module's README and of
 * docs/plugins.md, loaded by the reference server's own {@link ConfigLoader} and run by {@link ReferenceServer} on
 * 127.0.0.1, switch each plugin on, and a client meets every one of them. Only the listener (a free port), the
 * Maildir (a temporary directory), the directory file and the endpoint URL differ from the documents.
 */
class ReferenceServerConfigurationTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Pattern YAML_BLOCK = Pattern.compile("(?m)^```yaml\\n(.*?)^```$", Pattern.DOTALL);

    @TempDir
    Path dir;

    private final List<ReferenceServer> servers = new ArrayList<>();
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> notified = new LinkedBlockingQueue<>();
    private HttpServer endpoint;
    private Path recipients;

    @BeforeEach
    void startEndpointAndWriteDirectory() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/inbound", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                posted.add(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                exchange.sendResponseHeaders(202, -1);
            }
        });
        endpoint.createContext("/stored", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                notified.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        endpoint.start();
        recipients = Files.writeString(dir.resolve("recipients"), "alice@example.org\nrecipient@example.net\n");
    }

    @AfterEach
    void stop() {
        servers.forEach(ReferenceServer::close);
        endpoint.stop(0);
    }

    /** The one {@code ```yaml} block of {@code document} that contains {@code marker}. */
    private static String yamlBlock(Path document, String marker) throws IOException {
        Matcher m = YAML_BLOCK.matcher(Files.readString(document, StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                found.add(m.group(1));
            }
        }
        assertThat(found).as("yaml blocks of %s containing %s", document, marker).hasSize(1);
        return found.get(0);
    }

    private String localised(String yaml) {
        String url = "http://127.0.0.1:" + endpoint.getAddress().getPort();
        String changed = yaml.replace("/etc/pillarbox/recipients", recipients.toString())
                .replace("http://127.0.0.1:8080/inbound", url + "/inbound")
                .replace("http://127.0.0.1:8080/stored", url + "/stored");
        assertThat(changed).doesNotContain("/etc/pillarbox/", ":8080/");
        return changed;
    }

    private InetSocketAddress start(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("pillarbox-" + servers.size() + ".yaml"), yaml);
        ReferenceServer server = ReferenceServer.start(ConfigLoader.load(Optional.of(file), Map.of(), List.of(
                new ConfigOverride("listeners", List.of("127.0.0.1:0"), "--listen"),
                // the Maildir store, the default: with "discard" message hooks read an empty message
                new ConfigOverride("store", "maildir", "--store"),
                new ConfigOverride("maildir", dir.resolve("mail").toString(), "--maildir")), "mx.example.test"));
        servers.add(server);
        return server.boundAddresses().get(0);
    }

    @Test
    void readmeConfigurationSwitchesOnAllNineExamples() throws Exception {
        InetSocketAddress address = start(localised(yamlBlock(MODULE.resolve("README.md"), "http-delivery:")));
        assertThat(servers.get(0).server().enabledPlugins()).contains("xstats", "unknown-verbs", "greylist",
                "rate-limit", "header-check", "http-delivery", "recipient-directory", "attachment-policy",
                "store-notifier");
        try (SmtpTestClient client = SmtpTestClient.greeted(address)) {
            assertThat(client.command("EHLO client.example").lines()).contains("XSTATS");
            assertThat(client.command("VRFY alice@example.org").code().value()).isEqualTo(252); // vrfy: false
            assertThat(client.command("MAIL FROM:<a@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
            assertThat(client.command("RCPT TO:<mallory@example.org>").toString())
                    .isEqualTo("550 5.1.1 No such user here");
            assertThat(client.command("RCPT TO:<alice@example.org>").toString())
                    .isEqualTo("451 4.7.1 Greylisted, please try again in 300 seconds");
            assertThat(client.command("TURN").toString()).isEqualTo("502 5.5.1 Command not implemented");
            assertThat(client.command("XSTATS").lines()).contains("sessions 1", "messages 0");
        }
    }

    @Test
    void guideConfigurationRunsTheRecordedSession() throws Exception {
        String yaml = yamlBlock(MODULE.resolveSibling("docs").resolve("plugins.md"), "hostname: mx.example.test")
                .replace("file: /etc/pillarbox/recipients", "file: " + recipients);
        InetSocketAddress address = start(yaml);
        assertThat(servers.get(0).server().enabledPlugins())
                .contains("header-check", "recipient-directory", "unknown-verbs", "xstats")
                .doesNotContain("greylist", "rate-limit", "http-delivery");
        try (SmtpTestClient client = SmtpTestClient.greeted(address)) {
            assertThat(client.command("EHLO client.example").lines()).contains("XSTATS");
            assertThat(client.command("VRFY alice").toString()).isEqualTo("250 2.1.5 <alice@example.org>");
            client.command("MAIL FROM:<alice@example.org>");
            assertThat(client.command("RCPT TO:<nobody@example.net>").toString())
                    .isEqualTo("550 5.1.1 No such user here");
            assertThat(client.command("RCPT TO:<recipient@example.net>").toString())
                    .isEqualTo("250 2.1.5 Recipient OK");
            assertThat(client.data("From: alice@example.org\r\nSubject: no date\r\n\r\nHi\r\n").toString())
                    .isEqualTo("550 5.6.0 Message must have a Date: header (RFC 5322 3.6)");
            assertThat(client.command("XSTATS").lines()).contains("mx.example.test statistics", "messages 0");
            assertThat(client.command("TURN").toString()).isEqualTo("502 5.5.1 Command not implemented");
            assertThat(client.command("FOO").toString()).isEqualTo("500 5.5.2 Syntax error, command unrecognized");
            assertThat(client.command("BAR").toString())
                    .isEqualTo("421 4.7.0 Too many unknown commands, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    // greylisting (on in the README's configuration) defers every first attempt on the wall clock, so delivery
    // through the reference server is shown with the delivery and rate-limit plugins alone
    @Test
    void deliveryAndRateLimitFromConfiguration() throws Exception {
        InetSocketAddress address = start(localised(String.join("\n",
                "plugins:",
                "  enabled: [header-check]",
                "  http-delivery:",
                "    url: http://127.0.0.1:8080/inbound",
                "    timeout: 5s",
                "  rate-limit:",
                "    mail-burst: 1",
                // one token a minute: at the default 120 a minute the bucket refilled whenever the delivery
                // took more than half a second (a loaded machine), and the second MAIL was accepted
                "    mail-rate: 1",
                "")));
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(address)) {
            client.command("MAIL FROM:<alice@example.org>");
            client.command("RCPT TO:<bob@example.net>");
            assertThat(client.data("From: alice@example.org\r\nDate: Thu, 1 Jan 2026 00:00:00 +0000\r\n\r\nHi\r\n")
                    .toString()).isEqualTo("250 2.0.0 OK: delivered (HTTP 202)");
            assertThat(client.command("MAIL FROM:<alice@example.org>").toString())
                    .isEqualTo("450 4.7.1 Too many messages from 127.0.0.1, try again later");
        }
        assertThat(posted).singleElement().asString().contains("Date: Thu, 1 Jan 2026", "\r\n\r\nHi\r\n");
    }

    @Test
    void attachmentPolicyAndStoreNotifierFromConfiguration() throws Exception {
        InetSocketAddress address = start(localised(String.join("\n",
                "plugins:",
                "  attachment-policy:",
                "    banned-extensions: [exe]",
                "  store-notifier:",
                "    url: http://127.0.0.1:8080/stored",
                "    backoff: 50ms",
                "")));
        String part = "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=";
        String message = "Subject: files\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\n" + part + "%s\r\n\r\nAAAA\r\n--b--\r\n";
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(address)) {
            client.command("MAIL FROM:<alice@example.org>");
            client.command("RCPT TO:<bob@example.net>");
            assertThat(client.data(String.format(message, "setup.exe")).toString())
                    .isEqualTo("554 5.7.1 Attachment not allowed: setup.exe");
            client.command("MAIL FROM:<alice@example.org>");
            client.command("RCPT TO:<bob@example.net>");
            String reply = client.data(String.format(message, "notes.txt")).toString();
            assertThat(reply).startsWith("250 2.0.0 OK: queued as ");
            String id = reply.substring(reply.lastIndexOf(' ') + 1);
            assertThat(notified.poll(20, TimeUnit.SECONDS)).startsWith("{\"queueId\":\"" + id + "\",")
                    .contains("\"from\":\"alice@example.org\",\"recipients\":[\"bob@example.net\"]");
            Path stored;
            try (Stream<Path> files = Files.list(dir.resolve("mail").resolve("new"))) {
                stored = files.findFirst().orElseThrow();
            }
            assertThat(stored.getFileName().toString()).isEqualTo(id);
            assertThat(Files.readString(stored, StandardCharsets.UTF_8)).contains("X-Attachments: notes.txt\r\n\r\n--b");
        }
        assertThat(notified).isEmpty();
    }
}
