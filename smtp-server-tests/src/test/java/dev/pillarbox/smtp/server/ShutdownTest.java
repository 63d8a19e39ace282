package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: idle sessions are told 421 4.3.2 at once, transactions may finish within the grace period. */
class ShutdownTest {

    @Test
    void idleSessionGets421AtShutdown() {
        SmtpTestServer server = SmtpTestServer.start();
        try (SmtpTestClient client = server.afterEhlo()) {
            server.server().shutdown(Duration.ofSeconds(5));
            assertThat(client.readReply().toString())
                    .isEqualTo("421 4.3.2 Service shutting down, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void transactionInProgressMayFinishThenGets421() throws Exception {
        SmtpTestServer server = SmtpTestServer.start();
        try (SmtpTestClient client = server.inTransaction()) {
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(
                    () -> server.server().shutdown(Duration.ofSeconds(10)));
            awaitShuttingDown(server);
            assertThat(client.data("Subject: last one\r\n\r\nbye\r\n").toString())
                    .isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(client.readReply().toString())
                    .isEqualTo("421 4.3.2 Service shutting down, closing connection");
            assertThat(client.awaitClose()).isTrue();
            shutdown.get(5, TimeUnit.SECONDS);
        }
        assertThat(server.store().messages()).hasSize(1);
    }

    @Test
    void transactionOutlastingTheGracePeriodIsClosedWith421() throws Exception {
        SmtpTestServer server = SmtpTestServer.start();
        try (SmtpTestClient client = server.inTransaction()) {
            client.send("DATA");
            client.expect(354);
            client.sendRaw("Subject: slow\r\n\r\nstill typing");
            server.server().shutdown(Duration.ofMillis(200));
            assertThat(client.readReply().toString())
                    .isEqualTo("421 4.3.2 Service shutting down, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
        server.store().awaitLog("abort", Duration.ofSeconds(5));
        assertThat(server.store().messages()).isEmpty();
    }

    @Test
    void newConnectionsAreNotAcceptedAfterShutdown() {
        SmtpTestServer server = SmtpTestServer.start();
        var address = server.address();
        server.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpTestClient.greeted(address))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }

    private static void awaitShuttingDown(SmtpTestServer server) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!server.server().isShuttingDown()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server did not start shutting down");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
