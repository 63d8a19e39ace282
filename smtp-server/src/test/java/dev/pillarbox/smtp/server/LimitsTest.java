package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.server.testing.SmtpTestClient;
import dev.pillarbox.smtp.server.testing.SmtpTestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Abuse limits are settings: idle timeout, connections in total and per client, hard error limit, line length. */
class LimitsTest {

    @Test
    void idleTimeoutAnswers421AndCloses() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.withIdleTimeout(Duration.ofMillis(300))).start();
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.readReply().toString()).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void connectionsOverTheTotalLimitGet421() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.withConnectionLimits(1, 10)).start();
             SmtpTestClient first = server.greeted();
             SmtpTestClient second = server.connect()) {
            assertThat(second.readReply().toString()).isEqualTo("421 4.7.0 Too many connections, try again later");
            assertThat(second.awaitClose()).isTrue();
            assertThat(first.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void connectionsOverThePerClientLimitGet421AndAPermitIsReturnedOnClose() throws InterruptedException {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.withConnectionLimits(10, 2)).start()) {
            SmtpTestClient first = server.greeted();
            try (SmtpTestClient second = server.greeted(); SmtpTestClient third = server.connect()) {
                assertThat(third.readReply().toString()).isEqualTo("421 4.7.0 Too many connections, try again later");
                first.command("QUIT");
                assertThat(first.awaitClose()).isTrue();
                first.close();
                awaitOpenConnections(server, 1);
                try (SmtpTestClient fourth = server.connect()) {
                    assertThat(fourth.readReply().toString()).isEqualTo("220 mx.test.example ESMTP Pillarbox");
                }
            }
        }
    }

    @Test
    void hardErrorLimitCloses() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.withHardErrorLimit(3)).start();
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command("XONE").toString()).isEqualTo("500 5.5.2 Syntax error, command unrecognized");
            assertThat(client.command("MAIL FROM:<a@example.org>").toString())
                    .isEqualTo("503 5.5.1 Bad sequence of commands");
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            assertThat(client.command("XTHREE").toString()).isEqualTo("500 5.5.2 Syntax error, command unrecognized");
            assertThat(client.readReply().toString()).isEqualTo("421 4.7.0 Too many errors, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void badCommandLinesCountTowardTheHardErrorLimit() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.withHardErrorLimit(2)).start();
             SmtpTestClient client = server.afterEhlo()) {
            client.sendRaw("NOOP " + "x".repeat(600) + "\r\n");
            assertThat(client.readReply().toString()).isEqualTo("500 5.5.2 Line too long");
            client.sendRaw("NO\0OP\r\n");
            assertThat(client.readReply().toString())
                    .isEqualTo("500 5.5.2 Syntax error, invalid characters in command line");
            assertThat(client.readReply().toString()).isEqualTo("421 4.7.0 Too many errors, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void overlongCommandLineIsDrainedThen500() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("NOOP " + "x".repeat(600)).toString()).isEqualTo("500 5.5.2 Line too long");
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void bareLfInCommandLineAnswers500() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.afterEhlo()) {
            client.sendRaw("NOOP\nNOOP\r\n");
            assertThat(client.readReply().toString())
                    .isEqualTo("500 5.5.2 Syntax error, bare CR or LF in command line");
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void nulInCommandLineAnswers500() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.afterEhlo()) {
            client.sendRaw("NO\0OP\r\n");
            assertThat(client.readReply().toString())
                    .isEqualTo("500 5.5.2 Syntax error, invalid characters in command line");
        }
    }

    static void awaitOpenConnections(SmtpTestServer server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.server().openConnections() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("open connections: " + server.server().openConnections());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
