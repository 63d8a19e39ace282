package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain-socket reads carry no SO_TIMEOUT; one sweeper thread enforces the idle timeout for all of them. */
class ReadDeadlinesTest {

    @ParameterizedTest(name = "idle timeout {0} ms -> sweep every {1} ms")
    @CsvSource({
        "300, 30",
        "50, 10", // never more often than every 10 ms
        "1, 10",
        "5000, 500",
        "300000, 1000", // the 5-minute default: once a second
    })
    void sweepPeriodIsATenthOfTheTimeoutWithinBounds(long timeoutMillis, long periodMillis) {
        try (ReadDeadlines deadlines = ReadDeadlines.start(ConcurrentHashMap.newKeySet(),
                Duration.ofMillis(timeoutMillis))) {
            assertThat(deadlines.period()).isEqualTo(Duration.ofMillis(periodMillis));
        }
    }

    @Test
    void aClientSilentInTheMiddleOfABodyGets421AndIsClosed() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.idleTimeout(Duration.ofMillis(300))).start();
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command("DATA").code().value()).isEqualTo(354);
            client.sendRaw("Subject: half a message\r\n\r\nand then nothing");
            assertThat(client.readReply().toString()).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void aClientSilentInTheMiddleOfACommandLineGets421AndIsClosed() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.idleTimeout(Duration.ofMillis(300))).start();
             SmtpTestClient client = server.afterEhlo()) {
            client.sendRaw("MAIL FROM:<a@exa");
            assertThat(client.readReply().toString()).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }
}
