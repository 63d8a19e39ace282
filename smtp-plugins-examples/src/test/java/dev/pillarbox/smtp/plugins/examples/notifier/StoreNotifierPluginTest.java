package dev.pillarbox.smtp.plugins.examples.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.testing.SmtpServerExtension;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store notifier against the JDK's HTTP server on loopback: the POST carries the queue id of the 250 and the
 * envelope; failed attempts are retried up to the bound; a hanging endpoint never delays the 250.
 */
class StoreNotifierPluginTest {

    private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final HttpServer http = endpoint();

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.withModules(new NotifierModule(NotifierSettings.from(
            PluginSettings.of("store-notifier", Map.of("url", "http://127.0.0.1:" + http.getAddress().getPort()
                    + "/stored", "attempts", 3, "backoff", "50ms", "timeout", "10s")))));

    private HttpServer endpoint() {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/stored", exchange -> {
            requests.incrementAndGet();
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                hold.await(30, TimeUnit.SECONDS);
                int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
                if (status == 204) {
                    bodies.add(body);
                }
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        http.start();
        return http;
    }

    @AfterEach
    void stop() {
        hold.countDown();
        http.stop(0);
    }

    private static String queueId(Reply reply) {
        String line = reply.lines().get(0);
        return line.substring(line.lastIndexOf(' ') + 1);
    }

    @Test
    void thePostCarriesTheQueueIdAndTheEnvelopeAfterRetries() throws Exception {
        failuresLeft.set(2);
        Reply reply = smtp.inTransaction().data("Subject: t\r\n\r\nhello\r\n");
        assertThat(reply.code().value()).isEqualTo(250);
        String body = bodies.poll(20, TimeUnit.SECONDS);
        assertThat(body).isEqualTo("{\"queueId\":\"" + queueId(reply) + "\",\"from\":\"" + SmtpTestClient.SENDER
                + "\",\"recipients\":[\"" + SmtpTestClient.RECIPIENT + "\"],\"octets\":"
                + smtp.messages().get(0).content().length + "}");
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void aNotificationIsGivenUpAfterTheLastAttempt() throws Exception {
        failuresLeft.set(100);
        assertThat(smtp.inTransaction().data("Subject: t\r\n\r\nhello\r\n").code().value()).isEqualTo(250);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (requests.get() < 3 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        TimeUnit.MILLISECONDS.sleep(500); // a fourth attempt would come within 400 ms (backoff 50, 100, 200)
        assertThat(requests.get()).isEqualTo(3);
        assertThat(bodies).isEmpty();
    }

    @Test
    void aHangingEndpointNeverDelaysThe250() throws Exception {
        hold = new CountDownLatch(1);
        SmtpTestClient client = smtp.inTransaction();
        assertThat(client.data("Subject: 1\r\n\r\nhello\r\n").code().value()).isEqualTo(250);
        client.command("MAIL FROM:<a@example.org>");
        client.command("RCPT TO:<b@example.net>");
        assertThat(client.data("Subject: 2\r\n\r\nhello\r\n").code().value())
                .as("answered while the endpoint still holds the first notification").isEqualTo(250);
        assertThat(hold.getCount()).isEqualTo(1);
        assertThat(bodies).isEmpty();
        hold.countDown();
        assertThat(bodies.poll(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(bodies.poll(20, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> NotifierSettings.from(PluginSettings.empty("store-notifier")))
                .hasMessageContaining("plugins.store-notifier.url is required");
        assertThatThrownBy(() -> NotifierSettings.from(PluginSettings.of("store-notifier",
                Map.of("url", "ftp://example.org/x")))).hasMessageContaining("not an http:// or https:// URL");
        assertThatThrownBy(() -> NotifierSettings.from(PluginSettings.of("store-notifier",
                Map.of("url", "http://127.0.0.1/x", "attempts", 0)))).hasMessageContaining("attempts must be 1 to 10");
        assertThat(StoreNotifier.string("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\u000a\"");
    }
}
