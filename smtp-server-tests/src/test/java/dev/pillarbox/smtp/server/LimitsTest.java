package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Abuse limits are settings: idle timeout, connections in total and per client (trusted networks exempt from the
 * latter), hard error limit, junk command limit, line length.
 */
class LimitsTest {

    @Test
    void idleTimeoutAnswers421AndCloses() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.idleTimeout(Duration.ofMillis(300))).start();
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.readReply().toString()).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void connectionsOverTheTotalLimitGet421() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.connectionLimits(1, 10)).start();
             SmtpTestClient first = server.greeted();
             SmtpTestClient second = server.connect()) {
            assertThat(second.readReply().toString()).isEqualTo("421 4.7.0 Too many connections, try again later");
            assertThat(second.awaitClose()).isTrue();
            assertThat(first.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void connectionsOverThePerClientLimitGet421AndAPermitIsReturnedOnClose() throws InterruptedException {
        // loopback is trusted by default: this test's client is counted per client only when nothing is trusted
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.connectionLimits(10, 2).trustedNetworks(Networks.NONE)).start()) {
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

    private static final String GREETING = "220 mx.test.example ESMTP Pillarbox";
    private static final String TOO_MANY = "421 4.7.0 Too many connections, try again later";

    /** Opens {@code count} connections and returns the first reply of each, closing them all. */
    private static List<String> firstReplies(SmtpTestServer server, int count) {
        List<SmtpTestClient> clients = new ArrayList<>();
        try {
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                SmtpTestClient client = server.connect();
                clients.add(client);
                replies.add(client.readReply().toString()); // each before the next connect: a refusal is final
            }
            return replies;
        } finally {
            clients.forEach(SmtpTestClient::close);
        }
    }

    @Test
    void loopbackIsTrustedByDefaultSoSixtyLocalConnectionsAreAllGreeted() {
        // the per-client limit is 50 (Postfix's smtpd_client_connection_count_limit), the total 1000
        try (SmtpTestServer server = SmtpTestServer.start()) {
            assertThat(server.server().settings().maxConnectionsPerClient()).isEqualTo(50);
            assertThat(firstReplies(server, 60)).containsOnly(GREETING).hasSize(60);
        }
    }

    @Test
    void withTrustedNetworksElsewhereThe51stLocalConnectionGets421() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.trustedNetworks(Networks.of("192.0.2.0/24", "::1"))).start()) {
            List<String> replies = firstReplies(server, 51);
            assertThat(replies.subList(0, 50)).containsOnly(GREETING);
            assertThat(replies.get(50)).isEqualTo(TOO_MANY);
        }
    }

    @Test
    void trustedClientsStillCountTowardTheTotalLimit() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.connectionLimits(5, 2)).start()) {
            List<String> replies = firstReplies(server, 6);
            assertThat(replies.subList(0, 5)).as("past the per-client limit of 2: trusted").containsOnly(GREETING);
            assertThat(replies.get(5)).as("the total limit of 5 holds for everyone").isEqualTo(TOO_MANY);
        }
    }

    @Test
    void hardErrorLimitCloses() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.hardErrorLimit(3)).start();
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
    void noopsPastTheJunkCommandLimitCountAsErrorsUntilTheHardErrorLimitCloses() {
        // defaults: 100 junk commands, 10 hard errors (Postfix's smtpd_junk_command_limit and smtpd_hard_error_limit)
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.afterEhlo()) {
            int limit = ServerSettings.DEFAULT_JUNK_COMMAND_LIMIT + ServerSettings.DEFAULT_HARD_ERROR_LIMIT;
            for (int i = 1; i <= limit; i++) {
                assertThat(client.command("NOOP").toString()).as("NOOP %d keeps its reply", i)
                        .isEqualTo("250 2.0.0 OK");
            }
            assertThat(client.readReply().toString()).isEqualTo("421 4.7.0 Too many errors, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NOOP", "RSET", "VRFY postmaster", "HELP"})
    void everyCommandThatDoesNoMailWorkCountsTowardTheJunkCommandLimit(String command) {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.junkCommandLimit(3).hardErrorLimit(2)).start();
             SmtpTestClient client = server.afterEhlo()) {
            for (int i = 1; i <= 5; i++) { // 3 within the limit, then 2 errors
                assertThat(client.command(command).code().isPositive()).as("%s %d answered as usual", command, i)
                        .isTrue();
            }
            assertThat(client.readReply().toString()).isEqualTo("421 4.7.0 Too many errors, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void junkCommandWhoseReplyIsAlreadyAnErrorIsNotCountedTwice() {
        // EXPN's 502 5.5.1 counts as a protocol error by itself; past the junk limit it must not count twice
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.junkCommandLimit(1).hardErrorLimit(3)).start();
             SmtpTestClient client = server.afterEhlo()) {
            for (int i = 1; i <= 3; i++) {
                assertThat(client.command("EXPN staff").toString()).as("EXPN %d", i)
                        .startsWith("502 5.5.1");
            }
            assertThat(client.readReply().toString()).isEqualTo("421 4.7.0 Too many errors, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void junkCommandLimitZeroMeansNoLimit() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.junkCommandLimit(0)).start();
             SmtpTestClient client = server.afterEhlo()) {
            for (int i = 1; i <= 150; i++) {
                assertThat(client.command("NOOP").toString()).as("NOOP %d", i).isEqualTo("250 2.0.0 OK");
            }
            assertThat(client.command("QUIT").code().value()).isEqualTo(221);
        }
    }

    @Test
    void junkCommandCountRestartsWithEveryAcceptedMessage() {
        // a long-lived sender that sends RSET and NOOP before each of its 150 messages (300 junk commands in all,
        // 2 per message) is never closed: the count starts again at every 250 after a body
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.afterEhlo()) {
            for (int i = 1; i <= 150; i++) {
                assertThat(client.command("RSET").toString()).as("RSET before message %d", i)
                        .isEqualTo("250 2.0.0 OK");
                assertThat(client.command("NOOP").toString()).as("NOOP before message %d", i)
                        .isEqualTo("250 2.0.0 OK");
                client.send("MAIL FROM:<" + SmtpTestClient.SENDER + ">").expect(250);
                client.send("RCPT TO:<" + SmtpTestClient.RECIPIENT + ">").expect(250);
                assertThat(client.data("Subject: " + i + "\r\n\r\nmessage " + i + "\r\n").toString())
                        .as("message %d", i).startsWith("250 2.0.0 OK: queued as ");
            }
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            assertThat(server.store().messages()).hasSize(150);
        }
    }

    @Test
    void badCommandLinesCountTowardTheHardErrorLimit() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.hardErrorLimit(2)).start();
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
