package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.extensions.lmtp.LmtpModule;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-recipient results of message hooks: one reply per recipient under LMTP, one for all under SMTP. */
class LmtpDeliveryTest {

    private static final Reply MAILBOX_FULL = Reply.of(452, "4.2.2", "Mailbox full");

    private static final MessageHook FULL_MAILBOX = new MessageHook() {
        @Override
        public int order() {
            return 0;
        }

        @Override
        public HookResult onMessage(SessionView session, Message message) {
            Recipient full = message.envelope().recipients().stream()
                    .filter(r -> r.toString().startsWith("<full")).findFirst().orElse(null);
            return full == null ? HookResult.next() : HookResult.perRecipient(Map.of(full, MAILBOX_FULL));
        }
    };

    private static SmtpTestServer lmtpServer(MessageHook... hooks) {
        List<Module> modules = new ArrayList<>(List.of(new LmtpModule()));
        for (MessageHook hook : hooks) {
            modules.add(PluginWiringTest.hookModule(MessageHook.class, hook));
        }
        return SmtpTestServer.builder()
                .settings(s -> s.listeners(List.of(ListenerSettings.loopback().withName("lmtp")
                        .withProtocol(Protocol.LMTP))))
                .modules(modules.toArray(Module[]::new)).start();
    }

    /** LHLO, MAIL, one RCPT per recipient, DATA and a body; the replies after the body are left to read. */
    private static void sendOverLmtp(SmtpTestClient client, String... recipients) {
        assertThat(client.command("LHLO client.example").code().value()).isEqualTo(250);
        client.command("MAIL FROM:<a@example.org>");
        for (String r : recipients) {
            client.command("RCPT TO:<" + r + ">");
        }
        client.send("DATA");
        client.expect(354);
        client.sendBody("hello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void lmtpAnswersOncePerRecipientInOrder() {
        try (SmtpTestServer server = lmtpServer(FULL_MAILBOX);
             SmtpTestClient client = server.greeted()) {
            sendOverLmtp(client, "ok@example.net", "full@example.net");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(client.readReply().toString()).isEqualTo("452 4.2.2 Mailbox full");
            assertThat(server.store().messages().get(0).receivedHeader()).contains(" with LMTP id ");
        }
    }

    @Test
    void smtpRefusesOnlyWhenEveryRecipientWasRefused() {
        try (SmtpTestServer server = SmtpTestServer.start(PluginWiringTest.hookModule(MessageHook.class, FULL_MAILBOX));
             SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<full@example.net>");
            assertThat(client.data("hello\r\n").toString()).isEqualTo("452 4.2.2 Mailbox full");
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<full@example.net>");
            client.command("RCPT TO:<ok@example.net>");
            assertThat(client.data("hello\r\n").toString()).isEqualTo("250 2.0.0 OK: queued as m1");
        }
    }

    @Test
    void aDiscardUnderLmtpAnswersEveryRecipientTheHookDidNotRefuse() {
        Reply discarded = Reply.of(250, "2.0.0", "OK: thrown away");
        MessageHook discard = new MessageHook() {
            @Override
            public HookPosition position() {
                return HookPosition.LATE; // after FULL_MAILBOX
            }

            @Override
            public HookResult onMessage(SessionView session, Message message) {
                return HookResult.discard(discarded);
            }
        };
        try (SmtpTestServer server = lmtpServer(FULL_MAILBOX, discard);
             SmtpTestClient client = server.greeted()) {
            sendOverLmtp(client, "ok@example.net", "full@example.net", "other@example.net");
            // RFC 2033 4.2: one reply per RCPT, in order; the discard answers those the first hook did not refuse
            assertThat(client.readReply()).isEqualTo(discarded);
            assertThat(client.readReply().toString()).isEqualTo("452 4.2.2 Mailbox full");
            assertThat(client.readReply()).isEqualTo(discarded);
            assertThat(server.store().messages()).isEmpty();
        }
    }
}
