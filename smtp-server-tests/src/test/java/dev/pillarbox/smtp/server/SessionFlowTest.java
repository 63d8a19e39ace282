package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core path over a real loopback socket: greeting, EHLO, MAIL, RCPT, DATA, QUIT. */
class SessionFlowTest {

    private SmtpTestServer server;

    @BeforeEach
    void start() {
        server = SmtpTestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void greetingNamesTheHost() {
        try (SmtpTestClient client = server.connect()) {
            assertThat(client.readReply().toString()).isEqualTo("220 mx.test.example ESMTP Pillarbox");
        }
    }

    @Test
    void ehloListsPipelining() {
        try (SmtpTestClient client = server.greeted()) {
            assertThat(client.command("EHLO client.example").toString())
                    .isEqualTo("250-mx.test.example\r\n250 PIPELINING");
        }
    }

    @Test
    void messageIsStoredWithTraceHeaderAndQueueId() {
        try (SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("Subject: hi\r\n\r\nHello\r\n").toString())
                    .isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(client.command("QUIT").toString()).isEqualTo("221 2.0.0 Bye");
            assertThat(client.awaitClose()).isTrue();
        }
        StoredMessage message = server.store().messages().get(0);
        assertThat(message.body()).isEqualTo("Subject: hi\r\n\r\nHello\r\n");
        assertThat(message.envelope().reversePath().orElseThrow().toString()).isEqualTo("<sender@example.org>");
        assertThat(message.envelope().recipients()).hasToString("[<rcpt@example.net>]");
        assertThat(message.receivedHeader())
                .matches("Received: from client\\.example \\(\\[127\\.0\\.0\\.1\\]\\)\r\n"
                        + "\tby mx\\.test\\.example with ESMTP id \\w+\\.1\r\n"
                        + "\tfor <rcpt@example\\.net>; \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\r\n");
        assertThat(server.store().log()).containsExactly("open(<sender@example.org>, 1 rcpt)", "commit m1");
    }
}
