package dev.pillarbox.smtp.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.extensions.lmtp.LmtpModule;
import dev.pillarbox.smtp.plugins.api.HeloHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LMTP (RFC 2033) on an LMTP listener: LHLO, HELO/EHLO refused, one reply per recipient after the body. */
class LmtpExtensionTest {

    private static final Reply NO_SUCH_USER = Reply.of(550, "5.1.1", "No such user here");

    /** A message hook that refuses every recipient whose mailbox starts with "nobody". */
    private static final MessageHook MAILBOXES = new MessageHook() {
        @Override
        public int order() {
            return 0;
        }

        @Override
        public HookResult onMessage(SessionView session, Message message) {
            Map<Recipient, Reply> refused = new java.util.HashMap<>();
            for (Recipient recipient : message.envelope().recipients()) {
                if (recipient.toString().startsWith("<nobody")) {
                    refused.put(recipient, NO_SUCH_USER);
                }
            }
            return refused.isEmpty() ? HookResult.next() : HookResult.perRecipient(refused);
        }
    };

    private static SmtpTestServer lmtpServer(boolean lmtpPlugin, Protocol protocol) {
        return SmtpTestServer.builder().enhancedStatusCodes(false).settings(s -> {
            var settings = s.discoverPlugins(true)
                    .listeners(List.of(ListenerSettings.loopback().withName("lmtp").withProtocol(protocol)));
            return lmtpPlugin ? settings.plugin(PluginSettings.empty("lmtp")) : settings;
        }).modules(new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), MessageHook.class).toInstance(MAILBOXES);
            }
        }).start();
    }

    private static SmtpTestClient afterLhlo(SmtpTestServer server) {
        SmtpTestClient client = server.greeted();
        client.send("LHLO client.example");
        client.expect(250);
        return client;
    }

    @Test
    void lhloListsTheCapabilitiesAndHeloEhloAreRefused() {
        try (SmtpTestServer server = lmtpServer(true, Protocol.LMTP); SmtpTestClient client = server.greeted()) {
            assertThat(client.command("HELO client.example").toString())
                    .isEqualTo("500 5.5.1 Command not recognized: this is an LMTP service, use LHLO");
            assertThat(client.command("EHLO client.example").toString())
                    .isEqualTo("500 5.5.1 Command not recognized: this is an LMTP service, use LHLO");
            assertThat(client.command("MAIL FROM:<a@example.org>").toString())
                    .isEqualTo("503 5.5.1 Bad sequence of commands");
            Reply lhlo = client.command("LHLO client.example");
            assertThat(lhlo.lines()).startsWith("mx.test.example", "PIPELINING")
                    .contains("ENHANCEDSTATUSCODES", "8BITMIME", "CHUNKING", "SIZE 10485760");
            assertThat(client.command("LHLO").toString())
                    .isEqualTo("501 5.5.4 Syntax error: a domain name or address literal is required");
        }
    }

    @Test
    void oneReplyPerRecipientAfterData() {
        try (SmtpTestServer server = lmtpServer(true, Protocol.LMTP); SmtpTestClient client = afterLhlo(server)) {
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<nobody@example.net>");
            client.command("RCPT TO:<alice@example.net>");
            client.send("DATA");
            client.expect(354);
            client.sendBody("hello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(client.readReply().toString()).isEqualTo("550 5.1.1 No such user here");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void oneReplyPerRecipientAfterTheLastChunk() {
        try (SmtpTestServer server = lmtpServer(true, Protocol.LMTP); SmtpTestClient client = afterLhlo(server)) {
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<alice@example.net>");
            client.command("RCPT TO:<nobody@example.net>");
            assertThat(client.sendRaw("BDAT 3\r\nhel").readReply().toString()).isEqualTo("250 2.0.0 3 octets received");
            client.sendRaw("BDAT 4 LAST\r\nlo\r\n");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(client.readReply().toString()).isEqualTo("550 5.1.1 No such user here");
            assertThat(server.store().messages().get(0).body()).isEqualTo("hello\r\n");
        }
    }

    @Test
    void onAnSmtpListenerLhloIsUnknownAndEhloWorks() {
        try (SmtpTestServer server = lmtpServer(true, Protocol.SMTP); SmtpTestClient client = server.greeted()) {
            assertThat(client.command("LHLO client.example").toString())
                    .isEqualTo("500 5.5.2 Syntax error, command unrecognized");
            assertThat(client.command("EHLO client.example").code().value()).isEqualTo(250);
        }
    }

    @Test
    void onForAnLmtpListenerWithoutBeingNamedAndOffForSmtpListeners() {
        try (SmtpTestServer server = lmtpServer(false, Protocol.LMTP); SmtpTestClient client = server.connect()) {
            assertThat(server.server().enabledPlugins()).contains("lmtp");
            assertThat(client.readReply().toString()).isEqualTo("220 mx.test.example LMTP Pillarbox");
            assertThat(client.command("LHLO client.example").code().value()).isEqualTo(250);
        }
        try (SmtpTestServer server = lmtpServer(false, Protocol.SMTP); SmtpTestClient client = server.connect()) {
            assertThat(server.server().enabledPlugins()).doesNotContain("lmtp");
            assertThat(client.readReply().toString()).isEqualTo("220 mx.test.example ESMTP Pillarbox");
        }
    }

    @Test
    void anLmtpListenerWithNothingAnsweringLhloIsRefusedAtStartUp() {
        assertThatThrownBy(() -> SmtpTestServer.builder()
                .settings(s -> s.listeners(List.of(ListenerSettings.loopback().withName("lmtp")
                        .withProtocol(Protocol.LMTP)))).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("listener lmtp speaks LMTP but nothing answers LHLO: enable the lmtp plugin (plugin"
                        + " discovery enables it for LMTP listeners) or install LmtpModule");
    }

    @Test
    void noHookCanLetEhloGreetOnAnLmtpListener() {
        HeloHook acceptAll = new HeloHook() {
            @Override
            public int order() {
                return Integer.MIN_VALUE;
            }

            @Override
            public HookResult onHelo(SessionView session, String heloName, boolean extended) {
                return HookResult.accept();
            }
        };
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.listeners(List.of(ListenerSettings.loopback().withProtocol(Protocol.LMTP))))
                .modules(new LmtpModule(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        SmtpBinder.hook(binder(), HeloHook.class).toInstance(acceptAll);
                    }
                }).start();
             SmtpTestClient client = server.greeted()) {
            // a session greeted by EHLO would expect one reply after DATA, and LMTP would send one per recipient
            assertThat(client.command("EHLO client.example").toString())
                    .isEqualTo("500 5.5.1 Command not recognized: this is an LMTP service, use LHLO");
            assertThat(client.command("MAIL FROM:<a@example.org>").toString())
                    .isEqualTo("503 5.5.1 Bad sequence of commands");
        }
    }
}
