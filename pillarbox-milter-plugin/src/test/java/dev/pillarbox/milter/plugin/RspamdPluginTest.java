package dev.pillarbox.milter.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.milter.FilterConfig;
import dev.pillarbox.smtp.milter.MilterClient;
import dev.pillarbox.smtp.milter.testing.Rspamd;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin in a real server in front of a private rspamd (proxy worker in milter mode, smtp-milter's test
 * configuration): GTUBE is refused with rspamd's own reply and not stored; a clean message is stored with the
 * headers rspamd adds. One rspamd for the class: its first start takes 10-16 s.
 */
class RspamdPluginTest {

    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    @TempDir
    static Path dir;

    private static MilterClient probe;
    private static Rspamd rspamd;
    private static SmtpTestServer server;

    @BeforeAll
    static void start() throws Exception {
        probe = new MilterClient();
        rspamd = Rspamd.start(dir, probe);
        server = SmtpTestServer.builder().settings(s -> s.hostname("mx.pillarbox.test"))
                .modules(new MilterModule(MilterSettings.of(List.of(FilterConfig.builder(rspamd.socket())
                        .build()))))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
            if (rspamd != null) {
                rspamd.close();
            }
        } finally {
            probe.close();
        }
    }

    static String message(String subject, String body) {
        return "From: Alice <alice@example.org>\r\n"
                + "To: Bob <bob@example.net>\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "Message-ID: <" + subject.hashCode() + "." + System.nanoTime() + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n" + body;
    }

    private static Reply send(String message) {
        try (SmtpTestClient c = server.afterEhlo()) {
            c.command("MAIL FROM:<alice@example.org>");
            c.command("RCPT TO:<bob@example.net>");
            return c.data(message);
        }
    }

    @Test
    void gtubeIsRefusedWithRspamdsReplyAndNotStored() {
        int before = server.store().messages().size();
        Reply r = send(message("GTUBE", "This is a test.\r\n" + GTUBE + "\r\n"));
        assertThat(r).isEqualTo(Reply.of(554, "5.7.1", "Gtube pattern"));
        assertThat(server.store().messages()).hasSize(before);
    }

    @Test
    void aCleanMessageIsStoredWithRspamdsHeaders() throws Exception {
        int before = server.store().messages().size();
        Reply r = send(message("Lunch", "Shall we meet for lunch on Tuesday?\r\n"));
        assertThat(r.code().value()).isEqualTo(250);
        StoredMessage stored = server.store().awaitMessages(before + 1, Duration.ofSeconds(10)).get(before);
        String content = stored.contentAsString();
        assertThat(content).contains("\r\nX-Rspamd-Action: no action\r\n").contains("\r\nX-Spam-Status: No, score=")
                .contains("\r\nX-Spamd-Result: default: False [");
        // Authentication-Results (rspamd's index 1) right below the server's trace field, as Postfix places it;
        // its authserv-id is {daemon_name}, the server's host name (the value is written unfolded: the server folds)
        String[] lines = content.split("\r\n");
        int received = 0;
        while (lines[received + 1].startsWith("\t") || lines[received + 1].startsWith(" ")) {
            received++;
        }
        assertThat(lines[0]).startsWith("Received: ");
        assertThat(lines[received + 1]).startsWith("Authentication-Results: mx.pillarbox.test;");
    }
}
