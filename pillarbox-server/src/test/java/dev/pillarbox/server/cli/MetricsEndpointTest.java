package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.server.config.ReferenceConfig;
import dev.pillarbox.smtp.testing.ExternalCommand;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.TestPki;
import dev.pillarbox.smtp.testing.TlsTestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics: HOST:PORT}: the reference server serves {@code /metrics} in the Prometheus text format and the
 * health probes over HTTP. After a scripted session each counter moved by exactly what happened, and Prometheus' own
 * parser ({@code promtool check metrics}, Debian's prometheus package) accepts the page.
 */
class MetricsEndpointTest {

    // name{labels} value: a sample line of the text format 0.0.4 (promtool checks the whole syntax first)
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*})?) (\\S+)$");

    @TempDir
    Path dir;

    private ReferenceServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        String yaml = "maildir: " + dir.resolve("mail") + "\n"
                + "accepted-domains: [example.net]\n"
                + "plugins:\n"
                + "  starttls:\n"
                + "    certificate: " + TestPki.get().writeChainPem(pki) + "\n"
                + "    private-key: " + TestPki.get().writeKeyPem(pki) + "\n";
        Path file = Files.writeString(dir.resolve("pillarbox.yaml"), yaml);
        ReferenceConfig config = ConfigLoader.load(Optional.of(file), Map.of(), List.of(
                new ConfigOverride("listeners", List.of("127.0.0.1:0"), "--listen"),
                new ConfigOverride("metrics", "127.0.0.1:0", "--metrics"),
                new ConfigOverride("hostname", "mx.test.example", "--hostname")), "default.test");
        server = ReferenceServer.start(config);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void countersMoveByExactlyWhatAScriptedSessionDid() throws Exception {
        Map<String, Double> before = scrape();
        InetSocketAddress smtp = server.boundAddresses().get(0);
        String body = "Subject: counted\r\n\r\nhello metrics\r\n";
        try (SmtpTestClient client = SmtpTestClient.connect(smtp)) {
            client.expect(220);
            client.command("EHLO client.example");
            client.command("MAIL FROM:<alice@example.org>");
            assertThat(client.command("RCPT TO:<bob@example.net>").code().value()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<eve@elsewhere.example>").toString())
                    .isEqualTo("550 5.7.1 Relay access denied");
            assertThat(client.command("XFOO now").code().value()).isEqualTo(500);
            assertThat(client.data(body).code().value()).isEqualTo(250);
            assertThat(client.command("QUIT").code().value()).isEqualTo(221);
        }
        try (TlsTestClient client = TlsTestClient.plain(smtp, TestPki.get().clientContext())) {
            client.expect(220);
            client.command("EHLO client.example");
            client.startTls();
            client.command("EHLO client.example");
            assertThat(client.command("QUIT").code().value()).isEqualTo(221);
        }
        Map<String, Double> after = awaitScrape(m -> m.get("smtp_connections_open{listener=\"smtp\"}") == 0.0);

        Map<String, Double> moved = new HashMap<>();
        after.forEach((series, value) -> {
            double delta = value - before.getOrDefault(series, 0.0);
            if (series.startsWith("smtp_") && !series.startsWith("smtp_hook_stage")
                    && !series.contains("_seconds") && delta != 0) {
                moved.put(series, delta);
            }
        });
        long octets = body.length();
        assertThat(moved).containsOnly(
                Map.entry("smtp_connections_opened_total{listener=\"smtp\"}", 2.0),
                Map.entry("smtp_commands_total{verb=\"EHLO\"}", 3.0),
                Map.entry("smtp_commands_total{verb=\"MAIL\"}", 1.0),
                Map.entry("smtp_commands_total{verb=\"RCPT\"}", 2.0),
                Map.entry("smtp_commands_total{verb=\"DATA\"}", 1.0),
                Map.entry("smtp_commands_total{verb=\"STARTTLS\"}", 1.0),
                Map.entry("smtp_commands_total{verb=\"QUIT\"}", 2.0),
                Map.entry("smtp_commands_total{verb=\"unknown\"}", 1.0),
                Map.entry("smtp_replies_total{class=\"2xx\",code=\"220\"}", 3.0),
                Map.entry("smtp_replies_total{class=\"2xx\",code=\"221\"}", 2.0),
                Map.entry("smtp_replies_total{class=\"2xx\",code=\"250\"}", 6.0),
                Map.entry("smtp_replies_total{class=\"3xx\",code=\"354\"}", 1.0),
                Map.entry("smtp_replies_total{class=\"5xx\",code=\"500\"}", 1.0),
                Map.entry("smtp_replies_total{class=\"5xx\",code=\"550\"}", 1.0),
                Map.entry("smtp_protocol_errors_total{kind=\"syntax\"}", 1.0),
                Map.entry("smtp_messages_total{code=\"250\",result=\"accepted\"}", 1.0),
                Map.entry("smtp_received_bytes_total", (double) octets),
                Map.entry("smtp_message_size_bytes_count", 1.0),
                Map.entry("smtp_message_size_bytes_sum", (double) octets),
                Map.entry("smtp_message_size_bytes_bucket{le=\"1024.0\"}", 1.0),
                Map.entry("smtp_message_size_bytes_bucket{le=\"4096.0\"}", 1.0),
                Map.entry("smtp_message_size_bytes_bucket{le=\"16384.0\"}", 1.0),
                Map.entry("smtp_message_size_bytes_bucket{le=\"65536.0\"}", 1.0),
                Map.entry("smtp_message_size_bytes_bucket{le=\"262144.0\"}", 1.0),
                Map.entry("smtp_message_size_bytes_bucket{le=\"1048576.0\"}", 1.0),
                Map.entry("smtp_message_size_bytes_bucket{le=\"4194304.0\"}", 1.0),
                Map.entry("smtp_message_size_bytes_bucket{le=\"1.6777216E7\"}", 1.0),
                Map.entry("smtp_message_size_bytes_bucket{le=\"6.7108864E7\"}", 1.0),
                Map.entry("smtp_message_size_bytes_bucket{le=\"+Inf\"}", 1.0),
                Map.entry("smtp_message_size_bytes_max", (double) octets),
                Map.entry("smtp_tls_handshakes_total{listener=\"smtp\",protocol=\"TLSv1.3\",result=\"ok\"}", 1.0));
        assertThat(delta(before, after, "smtp_store_commit_seconds_count{result=\"ok\",target=\"maildir\"}"))
                .isEqualTo(1.0);
        assertThat(delta(before, after, "smtp_store_commit_seconds_bucket{result=\"ok\",target=\"maildir\",le=\"+Inf\"}"))
                .isEqualTo(1.0);
        assertThat(delta(before, after, "smtp_store_commit_seconds_count{result=\"failed\",target=\"maildir\"}"))
                .isZero();
        // the accepted-domains policy is a RCPT hook: its stage ran once per RCPT
        assertThat(delta(before, after, "smtp_hook_stage_seconds_count{stage=\"rcpt\"}")).isEqualTo(2.0);
        assertThat(after).containsKeys("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}",
                "process_uptime_seconds", "smtp_connections_refused_total{listener=\"smtp\",reason=\"limit\"}");
    }

    @Test
    void prometheusOwnParserAcceptsThePage() throws Exception {
        try (SmtpTestClient client = SmtpTestClient.inTransaction(server.boundAddresses().get(0))) {
            client.data("hello\r\n");
        }
        HttpResponse<String> page = get("/metrics");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        // Prometheus' own parser and linter: promtool reads the page on standard input and exits 1 if it does not
        // parse, 3 if it parsed with lint findings (one line each). Micrometer's own JVM and process meters have two
        // (process_cpu_time_ns_total, system_cpu_count); the server's meters must have none.
        ExternalCommand.Result result = ExternalCommand.run(Duration.ofSeconds(30), page.body(),
                List.of("/usr/bin/promtool", "check", "metrics"));
        assertThat(result.exitCode()).as(result.toString()).isIn(0, 3);
        assertThat((result.stdout() + result.stderr()).lines()).as(result.toString())
                .noneMatch(finding -> finding.startsWith("smtp_"));
    }

    @Test
    void healthProbesAnswerInJson() throws Exception {
        HttpResponse<String> live = get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}\n");
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"listeners\":{\"status\":\"UP\"},"
                + "\"store\":{\"status\":\"UP\"}}}\n");
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void readinessFollowsTheMaildirWhenItBecomesUnwritableAndRecovers() throws Exception {
        Path tmp = dir.resolve("mail").resolve("tmp");
        Path away = dir.resolve("mail").resolve("tmp.away");
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        // chmod does not stop root: the directory is replaced by a file, so nothing can be created in tmp/
        Files.move(tmp, away);
        Files.writeString(tmp, "not a directory");
        HttpResponse<String> down = get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).startsWith("{\"status\":\"DOWN\",\"checks\":{\"listeners\":{\"status\":\"UP\"},"
                + "\"store\":{\"status\":\"DOWN\",\"error\":\"cannot create a file in " + tmp);
        try (SmtpTestClient client = SmtpTestClient.inTransaction(server.boundAddresses().get(0))) {
            client.send("DATA");
            assertThat(client.readReply().toString()).startsWith("451 4.3.0"); // what the probe foretold
        }
        Files.delete(tmp);
        Files.move(away, tmp);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void readinessIsDownOnceTheServerShutsDown() throws Exception {
        server.server().shutdown(Duration.ZERO);
        HttpResponse<String> down = get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"listeners\":{\"status\":\"DOWN\",\"error\":\"shutting down\"}");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    private double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    private Map<String, Double> awaitScrape(java.util.function.Predicate<Map<String, Double>> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Map<String, Double> samples = scrape();
        while (!done.test(samples)) {
            assertThat(System.nanoTime()).as("waiting for the metrics to settle").isLessThan(deadline);
            Thread.sleep(20);
            samples = scrape();
        }
        return samples;
    }

    private Map<String, Double> scrape() throws IOException, InterruptedException {
        HttpResponse<String> page = get("/metrics");
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : page.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return samples;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        InetSocketAddress address = server.metricsAddress().orElseThrow();
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }
}
