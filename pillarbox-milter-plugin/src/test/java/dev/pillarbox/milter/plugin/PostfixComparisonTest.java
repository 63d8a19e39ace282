package dev.pillarbox.milter.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.milter.FilterConfig;
import dev.pillarbox.smtp.milter.testing.PyMilter;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.testing.PostfixInstance;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Postfix is the reference for what a milter's changes look like: the same pymilter test milter in front of a
 * private Postfix smtpd ({@code smtpd_milters}) and in front of Pillarbox, the same message and the same command,
 * and the two stored messages compared without their trace fields (Postfix relays to a Pillarbox sink, which keeps
 * what it got).
 */
class PostfixComparisonTest {

    @TempDir
    static Path dir;

    private static PyMilter milter;
    private static SmtpTestServer pillarbox;
    private static SmtpTestServer sink;
    private static PostfixInstance postfix;

    @BeforeAll
    static void start() throws Exception {
        milter = PyMilter.onTcp(dir, "full", Map.of());
        pillarbox = SmtpTestServer.builder().modules(new MilterModule(MilterSettings.of(List.of(
                FilterConfig.builder(milter.socket()).build())))).start();
        sink = SmtpTestServer.builder().start();
        Matcher port = Pattern.compile("inet:(\\d+)@127.0.0.1").matcher(milter.socket().toString());
        assertThat(port.matches()).as(milter.socket().toString()).isTrue();
        postfix = PostfixInstance.start("[127.0.0.1]:" + sink.address().getPort(), Map.of(
                "smtpd_milters", "inet:127.0.0.1:" + port.group(1),
                "milter_default_action", "tempfail"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (postfix != null) {
                postfix.close();
            }
        } finally {
            for (AutoCloseable c : new AutoCloseable[] {pillarbox, sink, milter}) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    private static String message(String xDo) {
        return "From: Alice <alice@example.org>\r\n"
                + "To: Bob <bob@example.net>\r\n"
                + "Subject: compared with Postfix\r\n"
                + "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + xDo + "@example.org>\r\n"
                + "X-Twice: first\r\n"
                + "X-Do: " + xDo + "\r\n"
                + "X-Twice: second\r\n"
                + "X-Remove-Me: yes\r\n"
                + "\r\n"
                + "Hello Bob,\r\n"
                + "a body for the test milter.\r\n";
    }

    private static void send(InetSocketAddress server, String xDo, String... recipients) {
        try (SmtpTestClient c = SmtpTestClient.afterEhlo(server)) {
            assertThat(c.command("MAIL FROM:<alice@example.org>").code().value()).isEqualTo(250);
            for (String r : recipients.length == 0 ? new String[] {"bob@example.net"} : recipients) {
                assertThat(c.command("RCPT TO:<" + r + ">").code().value()).isEqualTo(250);
            }
            assertThat(c.data(message(xDo)).code().value()).isEqualTo(250);
        }
    }

    /** The stored message without its Received fields (each server adds its own). */
    private static String withoutTrace(StoredMessage stored) {
        return stored.contentAsString()
                .replaceAll("\\A(?:Received:[^\\r]*\\r\\n(?:[ \\t][^\\r]*\\r\\n)*)+", "")
                .replaceAll("\\r\\nReceived:[^\\r]*\\r\\n(?:[ \\t][^\\r]*\\r\\n)*", "\r\n");
    }

    @ParameterizedTest(name = "X-Do: {0}")
    @ValueSource(strings = {"add-header", "insert-header", "insert-header-2", "change-header",
        "change-second", "change-missing", "delete-header", "replace-body", "replace-body-lf",
        "add-header,insert-header-2,change-header,delete-header,replace-body"})
    void theStoredMessageIsTheOnePostfixStores(String xDo) throws Exception {
        int atSink = sink.store().messages().size();
        int atPillarbox = pillarbox.store().messages().size();
        send(postfix.smtpd(), xDo);
        send(pillarbox.address(), xDo);
        StoredMessage viaPostfix = sink.store().awaitMessages(atSink + 1, Duration.ofSeconds(30)).get(atSink);
        StoredMessage viaPillarbox = pillarbox.store().awaitMessages(atPillarbox + 1, Duration.ofSeconds(10))
                .get(atPillarbox);
        assertThat(withoutTrace(viaPillarbox)).as(postfix.log()).isEqualTo(withoutTrace(viaPostfix))
                .doesNotContain("Received:");
        assertThat(viaPillarbox.contentAsString()).startsWith("Received: ");
    }

    /**
     * Envelope changes: the sender and recipients Postfix relays after the filter's SMFIR_CHGFROM, SMFIR_ADDRCPT and
     * SMFIR_DELRCPT are the ones Pillarbox stores (recipients compared as a set: Postfix's queue manager sorts them).
     */
    @ParameterizedTest(name = "X-Do: {0}")
    @ValueSource(strings = {"chgfrom", "add-rcpt,add-rcpt-par", "del-rcpt", "add-rcpt,del-rcpt,chgfrom"})
    void theEnvelopeIsTheOnePostfixRelays(String xDo) throws Exception {
        int atSink = sink.store().messages().size();
        int atPillarbox = pillarbox.store().messages().size();
        send(postfix.smtpd(), xDo, "bob@example.net", "gone@example.org");
        send(pillarbox.address(), xDo, "bob@example.net", "gone@example.org");
        Envelope viaPostfix = sink.store().awaitMessages(atSink + 1, Duration.ofSeconds(30)).get(atSink).envelope();
        Envelope viaPillarbox = pillarbox.store().awaitMessages(atPillarbox + 1, Duration.ofSeconds(10))
                .get(atPillarbox).envelope();
        assertThat(viaPillarbox.reversePath()).as(postfix.log()).isEqualTo(viaPostfix.reversePath());
        assertThat(viaPillarbox.recipients()).extracting(Recipient::forwardPath).as(postfix.log())
                .containsExactlyInAnyOrderElementsOf(viaPostfix.recipients().stream().map(Recipient::forwardPath)
                        .toList());
    }
}
