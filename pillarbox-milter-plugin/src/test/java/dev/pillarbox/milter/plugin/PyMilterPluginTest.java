package dev.pillarbox.milter.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.milter.FilterConfig;
import dev.pillarbox.smtp.milter.testing.PyMilter;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plugin in a real server on loopback in front of the pymilter test milter ("full" mode: every event, a reply
 * to each, on a Unix socket): what the filter receives at each stage (connect data, HELO, envelope, macros with
 * Postfix's names, the header fields without the server's trace field, the body), and each of its replies as the
 * SMTP client gets it.
 */
class PyMilterPluginTest {

    @TempDir
    static Path dir;

    private static PyMilter milter;
    private static SmtpTestServer server;

    @BeforeAll
    static void start() throws Exception {
        milter = PyMilter.onUnixSocket(dir, "full");
        server = SmtpTestServer.builder()
                .modules(new MilterModule(MilterSettings.of(List.of(FilterConfig.builder(milter.socket())
                        .commandTimeout(Duration.ofSeconds(10)).contentTimeout(Duration.ofSeconds(10)).build()))))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (milter != null) {
                milter.close();
            }
        }
    }

    static String message(String xDo, String body) {
        return "From: Alice <alice@example.org>\r\n"
                + "To: Bob <bob@example.net>\r\n"
                + "Subject: a test\r\n"
                + (xDo == null ? "" : "X-Do: " + xDo + "\r\n")
                + "X-Remove-Me: yes\r\n"
                + "\r\n" + body;
    }

    /** The session goes on after a refused or discarded message: the next message is taken. */
    private static void sendTheNextMessage(SmtpTestClient c) {
        c.command("MAIL FROM:<alice@example.org>");
        c.command("RCPT TO:<bob@example.net>");
        assertThat(c.data(message(null, "next\r\n")).code().value()).isEqualTo(250);
    }

    /** Of the messages since {@code before}, only the one {@link #sendTheNextMessage} sent was stored. */
    private static void assertOnlyTheNextMessageStored(int before) {
        List<StoredMessage> stored = server.store().messages();
        assertThat(stored).hasSize(before + 1);
        assertThat(stored.get(before).contentAsString()).endsWith("\r\n\r\nnext\r\n");
    }

    /** The trace id the server wrote in the stored message's Received field: the filters' macro i. */
    static String traceId(StoredMessage stored) {
        Matcher m = Pattern.compile(" id (\\S+?)[;\\s]").matcher(stored.receivedHeader());
        assertThat(m.find()).as(stored.receivedHeader()).isTrue();
        return m.group(1);
    }

    @Test
    void aCleanMessageGoesThroughAndTheFilterSeesEveryStageWithPostfixMacros() throws Exception {
        int before = server.store().messages().size();
        try (SmtpTestClient c = server.afterEhlo()) {
            c.send("MAIL FROM:<alice@example.org>");
            c.expect(250);
            c.send("RCPT TO:<bob@example.net>");
            c.expect(250);
            Reply r = c.data(message(null, "Hello Bob.\r\nSecond line.\r\n"));
            assertThat(r.code().value()).isEqualTo(250);
        }
        StoredMessage stored = server.store().awaitMessages(before + 1, Duration.ofSeconds(10)).get(before);
        String id = traceId(stored);
        Map<String, String> report = milter.report(id);
        String client = "127.0.0.1";
        assertThat(report).containsEntry("hostname", "[" + client + "]")
                .containsEntry("hostaddr.0", client)
                .containsEntry("helo", SmtpTestClient.CLIENT_NAME)
                .containsEntry("macros_connect.j", "mx.test.example")
                .containsEntry("macros_connect.{daemon_name}", "mx.test.example")
                .containsEntry("macros_connect.{daemon_addr}", client)
                .containsEntry("macros_connect._", "unknown [" + client + "]")
                .containsEntry("macros.mail.i", id)
                .containsEntry("macros.mail.{mail_addr}", "alice@example.org")
                .containsEntry("mail.0", "<alice@example.org>")
                .containsEntry("mail.count", "1")
                .containsEntry("rcpt.0.0", "<bob@example.net>")
                .containsEntry("macros.rcpt.{rcpt_addr}", "bob@example.net")
                .containsEntry("macros.rcpt.i", id)
                .containsEntry("data", "True")
                .containsEntry("eoh", "True")
                .containsEntry("macros.eom.i", id)
                .containsEntry("body", "Hello Bob.\r\nSecond line.\r\n");
        // the server's own trace field is hidden from the filters, as Postfix hides its own
        assertThat(report).containsEntry("headers.count", "4").containsEntry("headers.0.0", "From")
                .containsEntry("headers.0.1", "Alice <alice@example.org>");
        assertThat(stored.contentAsString()).contains("Subject: a test\r\n");
    }

    @Test
    void anUnknownCommandReachesTheFilterWhoseRefusalReplacesThe500() throws Exception {
        int before = server.store().messages().size();
        try (SmtpTestClient c = server.afterEhlo()) {
            assertThat(c.command("MAIL FROM:<alice@example.org>").code().value()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<bob@example.net>").code().value()).isEqualTo(250);
            assertThat(c.command("XREJECT now")).hasToString("554 5.7.1 Unknown command refused by the filter");
            // the filter lets this one pass: the server's own 500; neither ends the transaction
            assertThat(c.command("XFOO bar").code().value()).isEqualTo(500);
            assertThat(c.data(message(null, "After two unknown commands.\r\n")).code().value()).isEqualTo(250);
        }
        StoredMessage stored = server.store().awaitMessages(before + 1, Duration.ofSeconds(10)).get(before);
        assertThat(milter.report(traceId(stored))).containsEntry("unknown", "XFOO bar");
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiter = '|', value = {
        "reject-mail@example.org   | mail | 550 5.7.1 Command rejected",
        "tempfail-mail@example.org | mail | 451 4.7.1 Service unavailable - try again later",
        "reply-mail@example.org    | mail | 553 5.1.8 Sender address mail refused",
        "reject-rcpt@example.org   | rcpt | 550 5.7.1 Command rejected",
        "tempfail-rcpt@example.org | rcpt | 451 4.7.1 Service unavailable - try again later",
        "reply-rcpt@example.org    | rcpt | 553 5.1.8 Sender address rcpt refused",
    })
    void envelopeRepliesAnswerTheCommand(String address, String stage, String expected) {
        try (SmtpTestClient c = server.afterEhlo()) {
            String mailFrom = stage.equals("mail") ? address : "alice@example.org";
            Reply mail = c.command("MAIL FROM:<" + mailFrom + ">");
            if (stage.equals("mail")) {
                assertThat(mail.toString().strip()).isEqualTo(expected);
                // the transaction was aborted at the filter; the session goes on
                assertThat(c.command("MAIL FROM:<alice@example.org>").code().value()).isEqualTo(250);
                assertThat(c.command("RCPT TO:<bob@example.net>").code().value()).isEqualTo(250);
                return;
            }
            assertThat(mail.code().value()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<" + address + ">").toString().strip()).isEqualTo(expected);
            // only that recipient: another one is taken
            assertThat(c.command("RCPT TO:<bob@example.net>").code().value()).isEqualTo(250);
        }
    }

    @Test
    void aRejectAtHeloHoldsForTheWholeConnection() {
        try (SmtpTestClient c = server.greeted()) {
            assertThat(c.command("EHLO reject.helo").toString().strip()).isEqualTo("550 5.7.1 Command rejected");
            // Postfix keeps a connection-level refusal: a later greeting gets it too, whatever its name
            assertThat(c.command("EHLO client.example").toString().strip())
                    .isEqualTo("550 5.7.1 Command rejected");
        }
    }

    @ParameterizedTest(name = "X-Do: {0}")
    @CsvSource(delimiter = '|', value = {
        "reject          | 550 5.7.1 Command rejected",
        "tempfail        | 451 4.7.1 Service unavailable - try again later",
        "reply           | 554 5.7.1 Rejected by the test milter: 100% sure",
        "reply-tempfail  | 452 4.3.1 Try again later, says the test milter",
        "reply-multiline | 550-5.7.1 first line\\r\\n550-5.7.1 second line\\r\\n550 5.7.1 third line",
    })
    void endOfMessageRepliesRefuseTheMessageAndNothingIsStored(String xDo, String expected) {
        int before = server.store().messages().size();
        try (SmtpTestClient c = server.inTransaction()) {
            Reply r = c.data(message(xDo, "body\r\n"));
            assertThat(r.toString().strip()).isEqualTo(expected.replace("\\r\\n", "\r\n"));
            sendTheNextMessage(c);
        }
        assertOnlyTheNextMessageStored(before);
    }

    @Test
    void rsetAbortsTheTransactionAtTheFilter() throws Exception {
        int before = server.store().messages().size();
        try (SmtpTestClient c = server.inTransaction()) {
            assertThat(c.command("RSET").code().value()).isEqualTo(250);
            c.command("MAIL FROM:<second@example.org>");
            c.command("RCPT TO:<bob@example.net>");
            assertThat(c.data(message(null, "after RSET\r\n")).code().value()).isEqualTo(250);
        }
        StoredMessage stored = server.store().awaitMessages(before + 1, Duration.ofSeconds(10)).get(before);
        Map<String, String> report = milter.report(traceId(stored));
        // the message's report: the filter started over at the second MAIL (SMFIC_ABORT reset it)
        assertThat(report).containsEntry("mail.0", "<second@example.org>").containsEntry("rcpt.count", "1")
                .containsEntry("body", "after RSET\r\n");
    }

    @Test
    void headerAndBodyChangesAndAHoldAreStored() throws Exception {
        int before = server.store().messages().size();
        try (SmtpTestClient c = server.inTransaction()) {
            assertThat(c.data(message("add-header,insert-header,change-header,delete-header,replace-body,quarantine",
                    "the old body\r\n")).code().value()).isEqualTo(250);
        }
        String content = server.store().awaitMessages(before + 1, Duration.ofSeconds(10)).get(before)
                .contentAsString();
        assertThat(content).startsWith("Received: ");
        String afterTrace = content.substring(content.indexOf("\r\nX-Inserted: ") + 2);
        assertThat(afterTrace).startsWith("X-Inserted: at the top\r\nFrom: Alice <alice@example.org>\r\n")
                .contains("\r\nSubject: changed by the test milter\r\n")
                .contains("\r\nX-Added: added by the test milter\r\n")
                .contains("\r\nX-Pillarbox-Hold: held by the test milter\r\n")
                .doesNotContain("X-Remove-Me")
                .endsWith("\r\n\r\nThe body was replaced.\r\nSecond line.\r\n");
    }

    @ParameterizedTest(name = "discard at {0}")
    @CsvSource(delimiter = '|', value = {
        "mail | discard-mail@example.org | bob@example.net          | ",
        "rcpt | alice@example.org        | discard-rcpt@example.org | ",
        "eom  | alice@example.org        | bob@example.net          | discard",
    })
    void aDiscardAtAnyStageAnswers250AndStoresNothing(String stage, String from, String to, String xDo) {
        int before = server.store().messages().size();
        try (SmtpTestClient c = server.afterEhlo()) {
            assertThat(c.command("MAIL FROM:<" + from + ">").code().value()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<" + to + ">").code().value()).isEqualTo(250);
            // Postfix: a discard at RCPT discards the whole transaction, the other recipients with it
            assertThat(c.command("RCPT TO:<carol@example.net>").code().value()).isEqualTo(250);
            Reply r = c.data(message(xDo, "thrown away\r\n"));
            assertThat(r.toString()).startsWith("250 2.0.0 OK: queued as ");
            sendTheNextMessage(c);
        }
        assertOnlyTheNextMessageStored(before);
    }

    @Test
    void envelopeChangesReachTheStore() throws Exception {
        int before = server.store().messages().size();
        try (SmtpTestClient c = server.afterEhlo()) {
            assertThat(c.command("MAIL FROM:<alice@example.org>").code().value()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<bob@example.net>").code().value()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<gone@example.org>").code().value()).isEqualTo(250);
            assertThat(c.data(message("add-rcpt,add-rcpt-par,del-rcpt,chgfrom-par", "body\r\n")).code().value())
                    .isEqualTo(250);
        }
        Envelope envelope = server.store().awaitMessages(before + 1, Duration.ofSeconds(10)).get(before).envelope();
        assertThat(envelope.reversePath()).hasValue(ReversePath.parse("<new-sender@example.org>"));
        assertThat(envelope.mailParameters()).isEqualTo(EsmtpParameters.parse("SIZE=1234"));
        assertThat(envelope.recipients()).extracting(r -> r + " " + r.parameters()).containsExactly(
                "<bob@example.net> ", "<added@example.org> ", "<added-par@example.org> NOTIFY=NEVER");
    }

    @ParameterizedTest(name = "X-Do: {0}")
    @CsvSource(delimiter = '|', value = {
        "add-rcpt-bad,chgfrom-bad",
        "add-rcpt-bad-par",
    })
    void aBadAddressOrParameterFromTheFilterIsIgnoredAsPostfixDoes(String xDo) throws Exception {
        int before = server.store().messages().size();
        try (SmtpTestClient c = server.inTransaction()) {
            assertThat(c.data(message(xDo + ",add-header", "body\r\n")).code().value()).isEqualTo(250);
        }
        StoredMessage stored = server.store().awaitMessages(before + 1, Duration.ofSeconds(10)).get(before);
        assertThat(stored.envelope().reversePath()).hasValue(ReversePath.parse("<" + SmtpTestClient.SENDER + ">"));
        assertThat(stored.envelope().recipients()).extracting(Object::toString)
                .containsExactly("<" + SmtpTestClient.RECIPIENT + ">");
        assertThat(stored.contentAsString()).as("the other changes are applied")
                .contains("\r\nX-Added: added by the test milter\r\n");
    }
}
