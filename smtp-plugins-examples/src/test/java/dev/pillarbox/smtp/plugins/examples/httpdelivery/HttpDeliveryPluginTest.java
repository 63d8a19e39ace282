package dev.pillarbox.smtp.plugins.examples.httpdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.testing.RecordingMessageStore;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDeliveryPluginTest {

    /** What the endpoint received. */
    record Received(String method, String path, Headers headers, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 202;
    private volatile boolean hang;
    private HttpServer endpoint;
    private SmtpTestServer server;

    @BeforeEach
    void startEndpoint() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/inbound", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders(), in.readAllBytes()));
                if (hang) {
                    release.await(5, TimeUnit.SECONDS); // longer than the plugin's timeout in the test
                }
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
        endpoint.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/inbound";
    }

    private void start(String url, String timeout) {
        server = SmtpTestServer.start(new HttpDeliveryPlugin().module(
                PluginSettings.of("http-delivery", Map.of("url", url, "timeout", timeout))));
    }

    private String send(String body) {
        try (SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<alice@example.org>");
            client.command("RCPT TO:<bob@example.net>");
            client.command("RCPT TO:<carol@example.net>");
            return client.data(body).toString();
        }
    }

    @Test
    void messageIsPostedAsRfc822WithTheEnvelopeInHeaders() {
        start(url(), "5s");
        assertThat(send("Subject: hi\r\n\r\nHello\r\n")).isEqualTo("250 2.0.0 OK: delivered (HTTP 202)");
        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/inbound");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("message/rfc822");
        assertThat(request.headers().get("X-Envelope-From")).containsExactly("<alice@example.org>");
        assertThat(request.headers().get("X-Envelope-To")).containsExactly("<bob@example.net>", "<carol@example.net>");
        assertThat(request.headers().getFirst("X-Smtp-Session")).isNotBlank();
        RecordingMessageStore.StoredMessage stored = server.store().messages().get(0);
        assertThat(request.body()).isEqualTo(stored.content()); // the server's Received: header, then the message
        assertThat(stored.body()).isEqualTo("Subject: hi\r\n\r\nHello\r\n");
    }

    @Test
    void nullSenderIsSentAsEmptyPath() {
        start(url(), "5s");
        try (SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<>");
            client.command("RCPT TO:<bob@example.net>");
            assertThat(client.data("Subject: bounce\r\n\r\nx\r\n").code().value()).isEqualTo(250);
        }
        assertThat(received.get(0).headers().getFirst("X-Envelope-From")).isEqualTo("<>");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 500, 503})
    void endpointErrorDefersWith451AndStoresNothing(int code) {
        status = code;
        start(url(), "5s");
        assertThat(send("Subject: hi\r\n\r\nHello\r\n")).isEqualTo(
                "451 4.3.0 Delivery endpoint refused the message (HTTP " + code + "), try again later");
        assertThat(server.store().messages()).isEmpty();
    }

    @Test
    void redirectIsNotFollowedButDeferred() {
        status = 302;
        start(url(), "5s");
        assertThat(send("Subject: hi\r\n\r\nHello\r\n")).isEqualTo(
                "451 4.3.0 Delivery endpoint refused the message (HTTP 302), try again later");
    }

    @Test
    void slowEndpointIsDeferredAfterTheTimeout() {
        hang = true;
        start(url(), "300ms");
        assertThat(send("Subject: hi\r\n\r\nHello\r\n"))
                .isEqualTo("451 4.4.1 Delivery endpoint did not answer within 300 ms, try again later");
        assertThat(server.store().messages()).isEmpty();
    }

    @Test
    void unreachableEndpointIsDeferred() throws IOException {
        // a bound socket that never listens: connections to its port are refused, and while it is open no other
        // program on a busy machine can take the port (a closed ServerSocket's port could be handed out again)
        try (Socket reserved = new Socket()) {
            reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            start("http://127.0.0.1:" + reserved.getLocalPort() + "/inbound", "2s");
            assertThat(send("Subject: hi\r\n\r\nHello\r\n"))
                    .isEqualTo("451 4.4.1 Delivery endpoint unreachable, try again later");
        }
    }

    @Test
    void sessionGoesOnAfterADeferral() {
        status = 503;
        start(url(), "5s");
        try (SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("Subject: 1\r\n\r\nx\r\n").code().value()).isEqualTo(451);
            status = 200;
            client.command("MAIL FROM:<alice@example.org>");
            client.command("RCPT TO:<bob@example.net>");
            assertThat(client.data("Subject: 2\r\n\r\nx\r\n").toString()).isEqualTo("250 2.0.0 OK: delivered (HTTP 200)");
        }
        assertThat(received).hasSize(2);
    }

    @Test
    void urlIsRequiredAndChecked() {
        assertThatThrownBy(() -> HttpDeliverySettings.from(PluginSettings.empty("http-delivery")))
                .hasMessage("plugins.http-delivery.url is required, e.g. url: http://127.0.0.1:8080/inbound");
        assertThatThrownBy(() -> HttpDeliverySettings.from(
                PluginSettings.of("http-delivery", Map.of("url", "ftp://example.org/x"))))
                .hasMessage("plugins.http-delivery.url: \"ftp://example.org/x\" is not an http:// or https:// URL"
                        + " with a host");
    }
}
