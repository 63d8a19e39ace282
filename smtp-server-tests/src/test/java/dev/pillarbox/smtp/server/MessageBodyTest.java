package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.codec.CodecLimits;
import dev.pillarbox.smtp.codec.LongLinePolicy;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.testing.RecordingMessageStore;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DATA bodies (and counted chunks) streamed into the store: unstuffing, limits, smuggling, aborts. */
class MessageBodyTest {

    @Test
    void dotStuffedLinesAreStoredUnstuffed() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.inTransaction()) {
            client.send("DATA");
            client.expect(354);
            client.sendRaw("Subject: dots\r\n\r\n..leading dot\r\n...\r\n.\r\n");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages().get(0).body()).isEqualTo("Subject: dots\r\n\r\n.leading dot\r\n..\r\n");
        }
    }

    @Test
    void twoMessagesInOneSessionGetTheirOwnIds() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("one\r\n").toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            client.command("MAIL FROM:<>");
            client.command("RCPT TO:<a@example.net>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data("two\r\n").toString()).isEqualTo("250 2.0.0 OK: queued as m2");
            RecordingMessageStore.StoredMessage second = server.store().messages().get(1);
            assertThat(second.body()).isEqualTo("two\r\n");
            // no "for" clause with several recipients: it would disclose Bcc recipients
            assertThat(second.receivedHeader()).doesNotContain("for <").contains(" id ").endsWith("\r\n");
            assertThat(second.receivedHeader()).matches("(?s).* id \\w+\\.2; .*");
        }
    }

    @Test
    void messageTooBigIsDrainedThen552AndSessionGoesOn() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.maxMessageSize(100)).start();
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("x".repeat(60) + "\r\n" + "y".repeat(60) + "\r\n").toString())
                    .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
            assertThat(server.store().messages()).isEmpty();
            assertThat(client.command("MAIL FROM:<sender@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
        }
    }

    @Test
    void bareLfInBodyIsRefusedAndSmuggledCommandsAreNotRun() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.inTransaction()) {
            client.send("DATA");
            client.expect(354);
            // SMTP smuggling: "\n.\n" must not end the message, so the MAIL FROM inside must stay body text
            client.sendRaw("Subject: a\r\n\r\nfirst\n.\nMAIL FROM:<evil@example.com>\r\nRCPT TO:<victim@example.net>\r\n"
                    + "DATA\r\nSubject: smuggled\r\n\r\nbad\r\n.\r\n");
            assertThat(client.readReply().toString())
                    .isEqualTo("554 5.6.0 Message contains bare CR or LF, which is not allowed");
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            assertThat(server.store().messages()).isEmpty();
        }
    }

    @Test
    void overlongBodyLineUnderRejectPolicyAnswers500() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.codecLimits(CodecLimits.defaults().withLongLines(LongLinePolicy.REJECT))).start();
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("z".repeat(1200) + "\r\n").toString())
                    .isEqualTo("500 5.5.2 Message line too long (RFC 5321 4.5.3.1.6)");
            assertThat(server.store().messages()).isEmpty();
        }
    }

    @Test
    void connectionEndingMidBodyStoresNothing() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.start()) {
            try (SmtpTestClient client = server.inTransaction()) {
                client.send("DATA");
                client.expect(354);
                client.sendRaw("Subject: cut\r\n\r\nhalf a message");
            }
            server.store().awaitLog("abort", Duration.ofSeconds(5));
            assertThat(server.store().messages()).isEmpty();
            assertThat(server.store().log()).containsExactly("open(<sender@example.org>, 1 rcpt)", "abort");
        }
    }

    @Test
    void rsetAfterAChunkAbortsTheMessageOnceAndAFreshTransactionStoresTheNext() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.start(new XchunkModule());
             SmtpTestClient client = server.inTransaction()) {
            client.sendRaw("XCHUNK 5\r\nfirst");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 5 octets received");
            assertThat(client.command("RSET").toString()).isEqualTo("250 2.0.0 OK");
            assertThat(client.command("RSET").toString()).isEqualTo("250 2.0.0 OK");
            client.command("MAIL FROM:<sender@example.org>");
            client.command("RCPT TO:<rcpt@example.org>");
            client.sendRaw("XCHUNK 6 LAST\r\nsecond");
            assertThat(client.readReply().toString()).startsWith("250 2.0.0 OK: queued as ");
            assertThat(server.store().log()).containsExactly("open(<sender@example.org>, 1 rcpt)", "abort",
                    "open(<sender@example.org>, 1 rcpt)", "commit m1");
            assertThat(server.store().messages().get(0).body()).isEqualTo("second");
        }
    }

    @Test
    void deliverAnsweringACommandIsAHandlerBug() {
        try (SmtpTestServer server = SmtpTestServer.start(binder -> SmtpBinder.verb(binder, "XDELIVER")
                .toInstance((session, command) -> Outcome.deliver()));
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command("XDELIVER").toString()).isEqualTo("421 4.3.0 Internal error, closing connection");
            client.awaitClose();
            assertThat(server.store().log()).isEmpty();
        }
    }

    /** A BDAT-like test verb: {@code XCHUNK n [LAST]} reads n octets through Outcome.ReadChunk. */
    static final class XchunkHandler implements CommandHandler {
        @Inject
        XchunkHandler() {
        }

        @Override
        public Set<Phase> acceptedPhases() {
            return EnumSet.of(Phase.HAS_RCPT);
        }

        @Override
        public Outcome handle(Session session, Command command) {
            String[] parts = command.argument().split(" ");
            boolean last = parts.length > 1;
            return Outcome.readChunk(Long.parseLong(parts[0]), (s, body) -> last ? Outcome.deliver()
                    : Outcome.reply(body.ok() ? Reply.of(250, "2.0.0", body.octets() + " octets received")
                            : Reply.of(552, "5.3.4", "chunk refused: " + body.violation())));
        }
    }

    static final class XchunkModule extends AbstractModule {
        @Override
        protected void configure() {
            SmtpBinder.verb(binder(), "XCHUNK").to(XchunkHandler.class);
        }
    }

    @Test
    void countedChunksArePassedRawAndDelivered() {
        try (SmtpTestServer server = SmtpTestServer.start(new XchunkModule());
             SmtpTestClient client = server.inTransaction()) {
            client.sendRaw("XCHUNK 7\r\n.\r\nab\r\nXCHUNK 5 LAST\r\ncd\r\n.");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 7 octets received");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages().get(0).body()).isEqualTo(".\r\nab\r\ncd\r\n.");
        }
    }

    @Test
    void rsetBetweenChunksAbortsTheMessage() {
        try (SmtpTestServer server = SmtpTestServer.start(new XchunkModule());
             SmtpTestClient client = server.inTransaction()) {
            client.sendRaw("XCHUNK 3\r\nabc");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 3 octets received");
            assertThat(client.command("RSET").toString()).isEqualTo("250 2.0.0 OK");
            assertThat(server.store().log()).containsExactly("open(<sender@example.org>, 1 rcpt)", "abort");
        }
    }

    @Test
    void chunksOverTheSizeLimitAreDrainedAndRefused() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.maxMessageSize(10))
                .modules(new XchunkModule()).start();
             SmtpTestClient client = server.inTransaction()) {
            client.sendRaw("XCHUNK 8\r\n12345678XCHUNK 8\r\n12345678NOOP\r\n");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 8 octets received");
            assertThat(client.readReply().toString()).isEqualTo("552 5.3.4 chunk refused: TOO_LARGE");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 OK");
        }
    }
}
