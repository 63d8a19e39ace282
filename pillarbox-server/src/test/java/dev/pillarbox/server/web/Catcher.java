package dev.pillarbox.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pillarbox.server.cli.ReferenceServer;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference server as a mail catcher for the web inbox's tests: SMTP on a loopback port from the OS, the Maildir
 * in a temporary folder, the web inbox on another loopback port; messages go in over SMTP and come out over HTTP.
 */
final class Catcher implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ReferenceServer server;
    private final Path maildir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Catcher(ReferenceServer server, Path maildir) {
        this.server = server;
        this.maildir = maildir;
    }

    /** Starts a catcher whose Maildir is {@code dir/mail}; {@code env} adds settings (e.g. the web login). */
    static Catcher start(Path dir, Map<String, String> env) throws Exception {
        Path maildir = dir.resolve("mail");
        ReferenceServer server = ReferenceServer.start(ConfigLoader.load(Optional.empty(), env, List.of(
                new ConfigOverride("listeners", List.of("127.0.0.1:0"), "--listen"),
                new ConfigOverride("maildir", maildir.toString(), "--maildir"),
                new ConfigOverride("web", "127.0.0.1:0", "--web"),
                new ConfigOverride("hostname", "catcher.test", "--hostname")), "catcher.test"));
        return new Catcher(server, maildir);
    }

    static Catcher start(Path dir) throws Exception {
        return start(dir, Map.of());
    }

    InetSocketAddress smtp() {
        return server.boundAddresses().get(0);
    }

    InetSocketAddress web() {
        return server.webAddress().orElseThrow();
    }

    Path maildir() {
        return maildir;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + web().getPort() + path);
    }

    /** Sends {@code message} (CRLF line ends; any bytes) over SMTP from alice to bob and expects 250. */
    void send(byte[] message) {
        try (SmtpTestClient client = SmtpTestClient.connect(smtp())) {
            client.expect(220);
            client.command("EHLO client.example");
            assertThat(client.command("MAIL FROM:<alice@example.org>").code().value()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<bob@example.net>").code().value()).isEqualTo(250);
            client.send("DATA");
            client.expect(354);
            client.sendBody(message);
            assertThat(client.readReply().code().value()).isEqualTo(250);
            client.command("QUIT");
        }
    }

    void send(String message) {
        send(message.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).DELETE().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path}, expects 200 and returns its JSON. */
    JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The list's messages, newest first. */
    List<JsonNode> messages() throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        json("/api/messages").get("messages").forEach(out::add);
        return out;
    }

    /** The id of the only message whose subject is {@code subject}. */
    String idOf(String subject) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : messages()) {
            if (m.get("subject").asText().equals(subject)) {
                ids.add(m.get("id").asText());
            }
        }
        assertThat(ids).as("messages with subject %s", subject).hasSize(1);
        return ids.get(0);
    }

    /** Writes {@code message} into the Maildir as another delivery agent would: into tmp/, then renamed into new/. */
    String deliverDirectly(String uniqueName, byte[] message) throws IOException {
        Path tmp = maildir.resolve("tmp").resolve(uniqueName);
        Files.write(tmp, message);
        Files.move(tmp, maildir.resolve("new").resolve(uniqueName), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return uniqueName;
    }

    @Override
    public void close() {
        server.close();
    }
}
