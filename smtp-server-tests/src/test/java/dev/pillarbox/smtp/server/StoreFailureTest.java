package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.testing.RecordingMessageStore.Failure;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** An I/O error from the store or a message hook is a 451 4.3.0; the session goes on. */
class StoreFailureTest {

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"WRITE", "COMMIT"})
    void storeFailureAnswers451AndSessionGoesOn(Failure failure) {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.inTransaction()) {
            server.store().failAt(failure);
            assertThat(client.data("Subject: x\r\n\r\nbody\r\n").toString())
                    .isEqualTo("451 4.3.0 Requested action aborted: local error in processing");
            server.store().failAt(Failure.NONE);
            assertThat(client.command("MAIL FROM:<sender@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
            client.command("RCPT TO:<rcpt@example.net>");
            assertThat(client.data("Subject: x\r\n\r\nbody\r\n").toString()).isEqualTo("250 2.0.0 OK: queued as m1");
        }
    }

    @Test
    void storeThatCannotOpenAnswers451InsteadOf354() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.inTransaction()) {
            server.store().failAt(Failure.OPEN);
            assertThat(client.command("DATA").toString())
                    .isEqualTo("451 4.3.0 Requested action aborted: local error in processing");
            server.store().failAt(Failure.NONE);
            assertThat(client.data("retry\r\n").toString()).isEqualTo("250 2.0.0 OK: queued as m1");
        }
    }

    @Test
    void messageHookIoExceptionAnswers451() {
        MessageHook failing = new MessageHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onMessage(SessionView session, Message message) throws IOException {
                throw new IOException("upstream unavailable");
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(PluginWiringTest.hookModule(MessageHook.class, failing));
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("x\r\n").toString())
                    .isEqualTo("451 4.3.0 Requested action aborted: local error in processing");
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            assertThat(server.store().messages()).isEmpty();
        }
    }

    @Test
    void messageHookAcceptReplyReachesTheClientVerbatim() {
        MessageHook relay = new MessageHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onMessage(SessionView session, Message message) {
                return HookResult.accept(Reply.of(250, "2.6.0", "Handed to upstream as 42"));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(PluginWiringTest.hookModule(MessageHook.class, relay));
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("x\r\n").toString()).isEqualTo("250 2.6.0 Handed to upstream as 42");
            assertThat(server.store().messages()).hasSize(1);
        }
    }
}
