package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 2920 pipelining: replies in order and in one write; improper pipelining refused (Postfix 3.9 style). */
class PipeliningTest {

    @Test
    void pipelinedBurstIsAnsweredInOrderInOneFlush() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.start();
             Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            readUntil(in, "\r\n"); // greeting
            socket.getOutputStream().write("EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII));
            readUntil(in, "250 PIPELINING\r\n");
            socket.getOutputStream().write(("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n"
                    + "RCPT TO:<c@example.net>\r\nDATA\r\n").getBytes(StandardCharsets.US_ASCII));
            // one read returns everything: the server wrote all four replies with a single flush
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            assertThat(new String(buffer, 0, n, StandardCharsets.US_ASCII)).isEqualTo(
                    "250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n250 2.1.5 Recipient OK\r\n"
                            + "354 Start mail input; end with <CRLF>.<CRLF>\r\n");
        }
    }

    @Test
    void pipelinedCommandsAfterAnErrorGoOnInOrder() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.afterEhlo()) {
            client.sendRaw("MAIL FROM:<a@example.org>\r\nRCPT TO:broken\r\nRCPT TO:<b@example.net>\r\nRSET\r\n");
            assertThat(client.readReply().toString()).isEqualTo("250 2.1.0 Sender OK");
            assertThat(client.readReply().code().value()).isEqualTo(501);
            assertThat(client.readReply().toString()).isEqualTo("250 2.1.5 Recipient OK");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void heloClientPipeliningIsRefusedAndClosed() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.greeted()) {
            client.command("HELO client.example");
            client.sendRaw("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n");
            assertThat(client.readReply().toString()).isEqualTo("250 2.1.0 Sender OK");
            assertThat(client.readReply().toString()).isEqualTo("554 5.5.0 Improper use of SMTP command pipelining");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void commandsPipelinedAfterEhloAreRefused() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.greeted()) {
            client.sendRaw("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n");
            assertThat(client.readReply().toString()).isEqualTo("250-mx.test.example\r\n250 PIPELINING");
            assertThat(client.readReply().toString()).isEqualTo("554 5.5.0 Improper use of SMTP command pipelining");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void bodySentBefore354IsRefusedWithout354() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.inTransaction()) {
            client.sendRaw("DATA\r\nSubject: eager\r\n\r\nbody\r\n.\r\n");
            assertThat(client.readReply().toString()).isEqualTo("554 5.5.0 Improper use of SMTP command pipelining");
            assertThat(client.awaitClose()).isTrue();
            assertThat(server.store().messages()).isEmpty();
        }
    }

    @Test
    void logOnlyPolicyGoesOn() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.pipelining(PipeliningPolicy.LOG_ONLY)).start();
             SmtpTestClient client = server.greeted()) {
            client.command("HELO client.example");
            client.sendRaw("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n");
            assertThat(client.readReply().toString()).isEqualTo("250 2.1.0 Sender OK");
            assertThat(client.readReply().toString()).isEqualTo("250 2.1.5 Recipient OK");
            assertThat(client.data("hi\r\n").toString()).isEqualTo("250 2.0.0 OK: queued as m1");
        }
    }

    @Test
    void earlyTalkerBeforeGreetingIsRefused() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.greetPause(Duration.ofSeconds(2))).start();
             SmtpTestClient client = server.connect()) {
            client.sendRaw("EHLO bot.example\r\n");
            assertThat(client.readReply().toString()).isEqualTo("554 5.5.0 Improper use of SMTP command pipelining");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void quietClientIsGreetedAfterTheGreetPause() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.greetPause(Duration.ofMillis(100))).start();
             SmtpTestClient client = server.connect()) {
            assertThat(client.readReply().toString()).isEqualTo("220 mx.test.example ESMTP Pillarbox");
        }
    }

    private static String readUntil(InputStream in, String end) throws Exception {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("closed; got " + sb);
            }
            sb.append((char) b);
        }
        return sb.toString();
    }
}
