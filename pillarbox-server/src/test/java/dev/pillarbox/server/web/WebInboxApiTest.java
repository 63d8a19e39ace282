package dev.pillarbox.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web inbox's JSON API over real sockets: messages go in over SMTP (or straight into the Maildir, as another
 * delivery agent would put them), and come out over HTTP.
 */
class WebInboxApiTest {

    @TempDir
    Path dir;

    private Catcher catcher;

    @BeforeEach
    void start() throws Exception {
        catcher = Catcher.start(dir);
    }

    @AfterEach
    void stop() {
        catcher.close();
    }

    @Test
    void listsMessagesNewestFirstWithTheirSummary() throws Exception {
        catcher.send(Mails.plain("first", "one"));
        catcher.send(Mails.withAttachment("second", "two", "<p>two</p>", "report.pdf", new byte[] {1, 2, 3}));

        JsonNode page = catcher.json("/api/messages");
        assertThat(page.get("total").asInt()).isEqualTo(2);
        List<JsonNode> messages = catcher.messages();
        assertThat(messages).extracting(m -> m.get("subject").asText()).containsExactly("second", "first");
        JsonNode second = messages.get(0);
        assertThat(second.get("from").asText()).isEqualTo("Carol <carol@example.org>");
        assertThat(second.get("to").asText()).isEqualTo("Dave <dave@example.net>");
        assertThat(second.get("date").asText()).isEqualTo("Mon, 7 Dec 2026 11:00:00 +0000");
        assertThat(second.get("attachments").asInt()).isEqualTo(1);
        assertThat(messages.get(1).get("attachments").asInt()).isZero();
        // the size is the stored file's, Received: header included
        Path file;
        try (Stream<Path> files = Files.list(catcher.maildir().resolve("new"))) {
            file = files.filter(f -> f.getFileName().toString().equals(second.get("id").asText()))
                    .findFirst().orElseThrow();
        }
        assertThat(second.get("size").asLong()).isEqualTo(Files.size(file));
    }

    @Test
    void aMessageShowsItsHeadersTextSanitisedHtmlAndParts() throws Exception {
        catcher.send(Mails.withAttachment("view me", "plain words",
                "<p>rich <b>words</b></p><script>alert(1)</script><img src=\"https://tracker.example/p.gif\">",
                "data.bin", new byte[1000]));
        JsonNode m = catcher.json("/api/messages/" + catcher.idOf("view me"));

        assertThat(m.get("subject").asText()).isEqualTo("view me");
        assertThat(m.get("headers")).anySatisfy(h -> {
            assertThat(h.get("name").asText()).isEqualTo("Received");
            assertThat(h.get("value").asText()).contains("catcher.test");
        });
        assertThat(m.get("text").get("content").asText()).isEqualTo("plain words");
        assertThat(m.get("html").asText()).contains("rich <b>words</b>").doesNotContain("script", "tracker");
        assertThat(m.get("blockedImages").asInt()).isEqualTo(1);
        assertThat(m.get("partCount").asInt()).isEqualTo(3);
        JsonNode attachment = m.get("parts").get(2);
        assertThat(attachment.get("filename").asText()).isEqualTo("data.bin");
        assertThat(attachment.get("attachment").asBoolean()).isTrue();
        assertThat(attachment.get("size").asLong()).isEqualTo(1000);
        assertThat(m.get("problem").isNull()).isTrue();
    }

    @Test
    void remoteImagesComeOnlyWhenAskedForInADocumentWithItsOwnPolicy() throws Exception {
        catcher.send(Mails.html("images", "<p>hi</p><img src=\"https://images.example/logo.png\" alt=\"logo\">"));
        String id = catcher.idOf("images");
        HttpResponse<String> blocked = catcher.get("/api/messages/" + id + "/html");
        assertThat(blocked.body()).doesNotContain("images.example");
        HttpResponse<String> asked = catcher.get("/api/messages/" + id + "/html?images=remote");
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("src=\"https://images.example/logo.png\"");
        assertThat(asked.headers().firstValue("Content-Security-Policy").orElseThrow())
                .isEqualTo(WebInbox.MAIL_POLICY).contains("sandbox").doesNotContain("script-src");
    }

    @Test
    void rawIsTheStoredFileByteForByte() throws Exception {
        catcher.send(Mails.plain("raw", "line one\nline two"));
        String id = catcher.idOf("raw");
        byte[] stored = Files.readAllBytes(catcher.maildir().resolve("new").resolve(id));
        HttpResponse<byte[]> raw = catcher.getBytes("/api/messages/" + id + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(stored);
        assertThat(raw.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
        HttpResponse<byte[]> head = catcher.getBytes("/api/messages/" + id + "/raw?limit=10");
        assertThat(head.body()).isEqualTo(java.util.Arrays.copyOf(stored, 10));
        assertThat(head.headers().firstValue("X-Message-Size")).hasValue(Long.toString(stored.length));
    }

    @Test
    void anAttachmentDownloadsByteExact() throws Exception {
        byte[] bytes = new byte[70_001];
        new Random(23).nextBytes(bytes);
        catcher.send(Mails.withAttachment("attached", "see attachment", "<p>see</p>", "r\u00e9sum\u00e9 1.bin",
                bytes));
        String id = catcher.idOf("attached");
        HttpResponse<byte[]> part = catcher.getBytes("/api/messages/" + id + "/parts/2");
        assertThat(part.statusCode()).isEqualTo(200);
        assertThat(part.body()).isEqualTo(bytes);
        assertThat(part.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(part.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"r_sum_ 1.bin\"; filename*=UTF-8''r%C3%A9sum%C3%A9%201.bin");
        assertThat(catcher.get("/api/messages/" + id + "/parts/3").statusCode()).isEqualTo(404);
        assertThat(catcher.get("/api/messages/" + id + "/parts/x").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource({
        "alice,       'hello alice'",
        "ALICE@EXAMPLE.ORG, 'hello alice'",
        "carol,       'from carol'",
        "dave@,       'from carol'",
        "quarterly,   'quarterly report'",
    })
    void searchMatchesFromToOrSubject(String query, String expected) throws Exception {
        catcher.send(Mails.plain("hello alice", "x"));
        catcher.send(Mails.withAttachment("from carol", "x", "<p>x</p>", "a.txt", new byte[1]));
        catcher.send(Mails.html("quarterly report", "<p>x</p>"));
        JsonNode page = catcher.json("/api/messages?query=" + java.net.URLEncoder.encode(query.strip(),
                StandardCharsets.UTF_8));
        List<String> subjects = new ArrayList<>();
        page.get("messages").forEach(m -> subjects.add(m.get("subject").asText()));
        assertThat(subjects).containsExactly(expected);
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("matched").asInt()).isEqualTo(1);
    }

    @Test
    void deletesOneMessageThenAll() throws Exception {
        catcher.send(Mails.plain("keep", "x"));
        catcher.send(Mails.plain("drop", "x"));
        catcher.send(Mails.plain("later", "x"));
        String drop = catcher.idOf("drop");
        assertThat(catcher.delete("/api/messages/" + drop).statusCode()).isEqualTo(200);
        assertThat(catcher.messages()).extracting(m -> m.get("subject").asText()).containsExactly("later", "keep");
        assertThat(Files.exists(catcher.maildir().resolve("new").resolve(drop))).isFalse();
        assertThat(catcher.delete("/api/messages/" + drop).statusCode()).isEqualTo(404);
        assertThat(catcher.get("/api/messages/" + drop).statusCode()).isEqualTo(404);

        HttpResponse<String> all = catcher.delete("/api/messages");
        assertThat(Catcher.JSON.readTree(all.body()).get("deleted").asInt()).isEqualTo(2);
        assertThat(catcher.messages()).isEmpty();
    }

    @Test
    void aMessageMovedToCurKeepsItsIdAndIsStillShown() throws Exception {
        catcher.send(Mails.plain("read by a mail reader", "x"));
        String id = catcher.idOf("read by a mail reader");
        Files.move(catcher.maildir().resolve("new").resolve(id), catcher.maildir().resolve("cur").resolve(id + ":2,S"));
        assertThat(catcher.json("/api/messages/" + id).get("subject").asText()).isEqualTo("read by a mail reader");
        assertThat(catcher.delete("/api/messages/" + id).statusCode()).isEqualTo(200);
        assertThat(catcher.messages()).isEmpty();
    }

    @Test
    void theEventStreamTellsOfDeliveriesOverSmtpAndByAnotherProcess() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(catcher.uri("/api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("closed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("retry: 2000");

        catcher.send(Mails.plain("over smtp", "x"));
        assertThat(nextData(lines)).startsWith("data: {\"change\":");
        lines.clear();

        catcher.deliverDirectly("1765100000.M1P1Q1.other.example",
                Mails.plain("by procmail", "x").getBytes(StandardCharsets.UTF_8));
        assertThat(nextData(lines)).startsWith("data: {\"change\":");
        assertThat(catcher.messages()).extracting(m -> m.get("subject").asText()).contains("by procmail");
        stream.body().close();
    }

    private static String nextData(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith("data:")) {
                return line;
            }
        }
        return "no event within 10 s";
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/inbox.js", "/inbox.css", "/nothing-here", "/api/messages", "/api/nothing",
        "/api/messages/1234.M1P1Q1.none", "/api/messages/..%2F..%2Fetc%2Fpasswd"})
    void everyResponseCarriesTheStrictPolicy(String path) throws Exception {
        HttpResponse<String> response = catcher.get(path);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(WebInbox.PAGE_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(WebInbox.PAGE_POLICY).contains("script-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".hidden", "..%2F..%2Fetc%2Fpasswd", "a%2Fb", "name:2,S", "%2e%2e", "a%00b",
        "new%2F..%2F..%2Fsecret"})
    void idsThatAreNoMaildirNamesAreRefused(String id) throws Exception {
        Files.writeString(dir.resolve("secret"), "not mail");
        for (String suffix : new String[] {"", "/raw", "/parts/0", "/html"}) {
            HttpResponse<String> response = catcher.get("/api/messages/" + id + suffix);
            assertThat(response.statusCode()).as(id + suffix).isEqualTo(400);
            assertThat(response.body()).contains("not a message id");
        }
        assertThat(catcher.delete("/api/messages/" + id).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource({
        "localhost,                 200",
        "127.0.0.1,                 200",
        "[::1],                     200",
        "rebound.attacker.example,  403",
        "127.0.0.1.nip.example,     403",
    })
    void theHostHeaderMustNameLoopback(String host, int status) throws Exception {
        try (Socket socket = new Socket(catcher.web().getAddress(), catcher.web().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/messages HTTP/1.1\r\nHost: " + host + ":" + catcher.web().getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 " + status);
        }
    }

    @Test
    void aDeletionFromAnotherSiteIsRefused() throws Exception {
        catcher.send(Mails.plain("precious", "x"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                catcher.uri("/api/messages")).DELETE().header("Origin", "http://attacker.example")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(catcher.messages()).hasSize(1);
    }

    @Test
    void otherMethodsAreRefusedWithAllow() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                catcher.uri("/api/messages")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, DELETE");
    }
}
