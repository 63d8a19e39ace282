package dev.pillarbox.smtp.milter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pillarbox.smtp.milter.testing.PyMilter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pillarbox.smtp.core.Reply;

/**
 * The library against a real filter: the test milter on pymilter (Debian's python3-milter, libmilter underneath),
 * in "full" mode on a Unix socket and in "lean" mode (no replies, leading space, its own macro list) on TCP. Each
 * test sends a message that tells the filter what to do, and checks the decision, the changes, and the filter's
 * report of what it received.
 */
class PyMilterTest {

    @TempDir
    static Path dir;

    private static PyMilter full;
    private static PyMilter lean;
    private static MilterClient client;
    private static final AtomicInteger QUEUE_IDS = new AtomicInteger();

    private final Map<String, String> macros = new HashMap<>();
    private final String queueId = "Q" + QUEUE_IDS.incrementAndGet();

    @BeforeAll
    static void startFilters() throws Exception {
        full = PyMilter.onUnixSocket(dir, "full");
        lean = PyMilter.onTcp(dir, "lean", Map.of());
        client = new MilterClient();
    }

    @AfterAll
    static void stopFilters() throws Exception {
        client.close();
        full.close();
        lean.close();
    }

    private MilterSession open(PyMilter filter) {
        return open(FilterConfig.builder(filter.socket()).build());
    }

    private MilterSession open(FilterConfig config) {
        macros.put("{j}", "mx.pillarbox.test");
        macros.put("{daemon_name}", "pillarbox");
        macros.put("{v}", "Pillarbox 0.1");
        return client.open(config, macros::get);
    }

    /** Connect, HELO, MAIL, RCPT, DATA, all answered continue; the queue id macro is set from MAIL on. */
    private void envelope(MilterSession s, String from, String... to) throws Exception {
        assertThat(s.connect(ConnectInfo.of(new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 40123),
                "client.example"))).isEqualTo(Decision.CONTINUE);
        assertThat(s.helo("client.example")).isEqualTo(Decision.CONTINUE);
        macros.put("{i}", queueId);
        macros.put("{mail_addr}", from);
        assertThat(s.mail("<" + from + ">", List.of("SIZE=1000", "BODY=8BITMIME"))).isEqualTo(Decision.CONTINUE);
        for (String rcpt : to) {
            macros.put("{rcpt_addr}", rcpt);
            assertThat(s.rcpt("<" + rcpt + ">", List.of())).isEqualTo(Decision.CONTINUE);
        }
        assertThat(s.data()).isEqualTo(Decision.CONTINUE);
    }

    private static MessageContent message(String doWhat, String body) {
        return MessageContent.parse(("From: sender@example.org\r\n"
                + "Subject: hello\r\n"
                + (doWhat == null ? "" : "X-Do: " + doWhat + "\r\n")
                + "X-Remove-Me: please\r\n"
                + "X-Folded: one\r\n\ttwo\r\n"
                + "\r\n" + body).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyStageReachesTheFilterWithItsDataAndMacros() throws Exception {
        try (MilterSession s = open(full)) {
            envelope(s, "sender@example.org", "one@example.org", "two@example.org");
            EndOfMessage eom = s.message(message(null, "Hello.\r\n"));
            assertThat(eom).isEqualTo(new EndOfMessage(full.socket().toString(), Decision.CONTINUE, List.of(),
                    Optional.empty()));
        }
        Map<String, String> r = full.report(queueId);
        assertThat(r).containsEntry("hostname", "client.example")
                .containsEntry("hostaddr.0", "192.0.2.10").containsEntry("hostaddr.1", "40123")
                .containsEntry("helo", "client.example")
                .containsEntry("mail.0", "<sender@example.org>").containsEntry("mail.1", "SIZE=1000")
                .containsEntry("mail.2", "BODY=8BITMIME")
                .containsEntry("rcpt.0.0", "<one@example.org>").containsEntry("rcpt.1.0", "<two@example.org>")
                .containsEntry("data", "True")
                .containsEntry("headers.count", "4")
                .containsEntry("headers.1.0", "Subject").containsEntry("headers.1.1", "hello")
                .containsEntry("headers.3.0", "X-Folded").containsEntry("headers.3.1", "one\n\ttwo")
                .containsEntry("eoh", "True")
                .containsEntry("body", "Hello.\r\n")
                // Postfix's default macros, with the values of the lookup
                .containsEntry("macros_connect.j", "mx.pillarbox.test")
                .containsEntry("macros_connect.{daemon_name}", "pillarbox")
                .containsEntry("macros_connect.v", "Pillarbox 0.1")
                .containsEntry("macros.mail.i", queueId)
                .containsEntry("macros.mail.{mail_addr}", "sender@example.org")
                .containsEntry("macros.rcpt.{rcpt_addr}", "two@example.org")
                .containsEntry("macros.data.i", queueId)
                .containsEntry("macros.eoh.i", queueId)
                .containsEntry("macros.eom.i", queueId)
                // not in Postfix's default lists, so not sent
                .containsEntry("macros.mail.{custom}", "");
    }

    @Test
    void everyChangeComesBackAsAValueInOrder() throws Exception {
        EndOfMessage eom;
        try (MilterSession s = open(full)) {
            envelope(s, "sender@example.org", "gone@example.org");
            eom = s.message(message("add-header, add-header-folded, insert-header, insert-header-2, change-header, "
                    + "delete-header, change-missing, replace-body, add-rcpt, add-rcpt-par, del-rcpt, chgfrom-par, "
                    + "quarantine", "old body\r\n"));
        }
        assertThat(eom.decision()).isEqualTo(Decision.CONTINUE);
        assertThat(eom.quarantine()).contains("held by the test milter");
        assertThat(eom.modifications()).containsExactly(
                new Modification.AddHeader(HeaderField.of("X-Added", " added by the test milter")),
                new Modification.AddHeader(HeaderField.of("X-Folded", " first line\r\n\tsecond line")),
                new Modification.InsertHeader(0, HeaderField.of("X-Inserted", " at the top")),
                new Modification.InsertHeader(2, HeaderField.of("X-Inserted-2", " after two fields")),
                new Modification.ChangeHeader(1, HeaderField.of("Subject", " changed by the test milter")),
                new Modification.DeleteHeader(1, "X-Remove-Me"),
                new Modification.ChangeHeader(1, HeaderField.of("X-Missing", " appended by change")),
                new Modification.ReplaceBody("The body was replaced.\r\nSecond line.\r\n".getBytes(StandardCharsets.US_ASCII)),
                new Modification.AddRecipient("<added@example.org>", Optional.empty()),
                new Modification.AddRecipient("<added-par@example.org>", Optional.of("NOTIFY=NEVER")),
                new Modification.DeleteRecipient("<gone@example.org>"),
                new Modification.ChangeSender("<new-sender@example.org>", Optional.of("SIZE=1234")));

        MessageContent edited = message("x", "old body\r\n");
        for (Modification m : eom.modifications()) {
            edited = edited.apply(m);
        }
        assertThat(new String(edited.toBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "X-Inserted: at the top\r\n"
                        + "From: sender@example.org\r\n"
                        + "X-Inserted-2: after two fields\r\n"
                        + "Subject: changed by the test milter\r\n"
                        + "X-Do: x\r\n"
                        + "X-Folded: one\r\n\ttwo\r\n"
                        + "X-Added: added by the test milter\r\n"
                        + "X-Folded: first line\r\n\tsecond line\r\n"
                        + "X-Missing: appended by change\r\n"
                        + "\r\n"
                        + "The body was replaced.\r\nSecond line.\r\n");
    }

    @Test
    void aBodyReplacedInSeveralChunksIsOneChangeWithCrlfLines() throws Exception {
        EndOfMessage eom;
        try (MilterSession s = open(full)) {
            envelope(s, "sender@example.org", "r@example.org");
            eom = s.message(message("replace-body-big", "x\r\n"));
        }
        byte[] expected = ("0".repeat(70000) + "1".repeat(70000) + "2".repeat(70000) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(eom.modifications()).containsExactly(new Modification.ReplaceBody(expected));
    }

    @Test
    void envelopeRepliesBecomeDecisionsWithPostfixsWording() throws Exception {
        try (MilterSession s = open(full)) {
            assertThat(s.connect(ConnectInfo.of(new InetSocketAddress("127.0.0.1", 1025), "client.example")))
                    .isEqualTo(Decision.CONTINUE);
            assertThat(s.helo("ok.example")).isEqualTo(Decision.CONTINUE);
            assertThat(s.mail("<reject-mail@example.org>", List.of()))
                    .isEqualTo(new Decision.Reject(Reply.of(550, "5.7.1", "Command rejected")));
            s.abort();
            assertThat(s.mail("<tempfail-mail@example.org>", List.of()))
                    .isEqualTo(new Decision.Tempfail(Reply.of(451, "4.7.1", "Service unavailable - try again later")));
            s.abort();
            assertThat(s.mail("<sender@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            assertThat(s.rcpt("<reply-rcpt@example.org>", List.of()))
                    .isEqualTo(new Decision.Reject(Reply.of(553, "5.1.8", "Sender address rcpt refused")));
            assertThat(s.rcpt("<tempfail-rcpt@example.org>", List.of()))
                    .isEqualTo(new Decision.Tempfail(Reply.of(451, "4.7.1", "Service unavailable - try again later")));
            assertThat(s.rcpt("<ok@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            assertThat(s.rcpt("<discard-rcpt@example.org>", List.of())).isEqualTo(Decision.DISCARD);
            // discard ends the filter's part in this message
            assertThat(s.data()).isEqualTo(Decision.CONTINUE);
            assertThat(s.message(message("reject", "x\r\n")).decision()).isEqualTo(Decision.ACCEPT);
        }
    }

    @Test
    void acceptForARecipientEndsTheFilterPartInTheMessage() throws Exception {
        try (MilterSession s = open(full)) {
            assertThat(s.connect(ConnectInfo.of(new InetSocketAddress("127.0.0.1", 1025), "client.example")))
                    .isEqualTo(Decision.CONTINUE);
            assertThat(s.mail("<sender@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            assertThat(s.rcpt("<accept-rcpt@example.org>", List.of())).isEqualTo(Decision.ACCEPT);
            assertThat(s.rcpt("<reject-rcpt@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            EndOfMessage eom = s.message(message("reject", "x\r\n"));
            assertThat(eom.decision()).isEqualTo(Decision.ACCEPT);
            assertThat(eom.modifications()).isEmpty();
            // the next transaction goes to the filter again
            assertThat(s.mail("<sender@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            assertThat(s.rcpt("<reject-rcpt@example.org>", List.of())).isEqualTo(new Decision.Reject(MilterReplies.REJECT));
        }
    }

    @Test
    void aRefusalAtHeloHoldsForTheWholeConnection() throws Exception {
        try (MilterSession s = open(full)) {
            s.connect(ConnectInfo.of(new InetSocketAddress("127.0.0.1", 1025), "client.example"));
            Decision refused = s.helo("reject.helo");
            assertThat(refused).isEqualTo(new Decision.Reject(MilterReplies.REJECT));
            assertThat(s.helo("fine.example")).isSameAs(refused);
            assertThat(s.mail("<sender@example.org>", List.of())).isSameAs(refused);
        }
    }

    @Test
    void aRefusalAtConnectHoldsForTheWholeConnection() throws Exception {
        try (MilterSession s = open(full)) {
            Decision refused = s.connect(ConnectInfo.of(new InetSocketAddress("127.0.0.1", 1025), "tempfail.example"));
            assertThat(refused).isEqualTo(new Decision.Tempfail(MilterReplies.TEMPFAIL));
            assertThat(s.helo("client.example")).isSameAs(refused);
        }
    }

    @Test
    void acceptAtHeloLeavesTheFilterOutForTheConnection() throws Exception {
        try (MilterSession s = open(full)) {
            s.connect(ConnectInfo.of(new InetSocketAddress("127.0.0.1", 1025), "client.example"));
            assertThat(s.helo("accept.helo")).isEqualTo(Decision.ACCEPT);
            assertThat(s.mail("<reject-mail@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            assertThat(s.message(message("reject", "x\r\n")).decision()).isEqualTo(Decision.CONTINUE);
        }
    }

    @Test
    void endOfMessageRepliesBecomeDecisions() throws Exception {
        Map<String, Decision> expected = Map.of(
                "reject", new Decision.Reject(Reply.of(550, "5.7.1", "Command rejected")),
                "tempfail", new Decision.Tempfail(Reply.of(451, "4.7.1", "Service unavailable - try again later")),
                "reply", new Decision.Reject(Reply.of(554, "5.7.1", "Rejected by the test milter: 100% sure")),
                "reply-multiline", new Decision.Reject(Reply.multiline(Reply.of(550, "x").code(),
                        dev.pillarbox.smtp.core.EnhancedStatusCode.parse("5.7.1"),
                        List.of("first line", "second line", "third line"))),
                "reply-tempfail", new Decision.Tempfail(Reply.of(452, "4.3.1", "Try again later, says the test milter")),
                "discard", Decision.DISCARD,
                "accept", Decision.ACCEPT);
        for (Map.Entry<String, Decision> e : expected.entrySet()) {
            try (MilterSession s = open(full)) {
                envelope(s, "sender@example.org", "r@example.org");
                assertThat(s.message(message(e.getKey(), "x\r\n")).decision()).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void aRejectDuringTheHeadersEndsTheMessageThere() throws Exception {
        try (MilterSession s = open(full)) {
            envelope(s, "sender@example.org", "r@example.org");
            EndOfMessage eom = s.message(message("reject-header", "never sent\r\n"));
            assertThat(eom.decision()).isEqualTo(new Decision.Reject(MilterReplies.REJECT));
        }
        Map<String, String> r = full.report(queueId);
        assertThat(r).containsEntry("headers.count", "3").doesNotContainKey("eoh").containsEntry("body", "");
    }

    @Test
    void theBodyGoesInChunksOfAtMost65535Octets() throws Exception {
        String body = "0123456789abcdef\r\n".repeat(11_111);
        try (MilterSession s = open(full)) {
            envelope(s, "sender@example.org", "r@example.org");
            assertThat(s.message(message(null, body)).decision()).isEqualTo(Decision.CONTINUE);
        }
        assertThat(full.report(queueId)).containsEntry("chunks.count", "4")
                .containsEntry("chunks.0", "65535").containsEntry("chunks.1", "65535")
                .containsEntry("chunks.2", "65535").containsEntry("chunks.3", String.valueOf(body.length() - 3 * 65535))
                .containsEntry("body", body);
    }

    @Test
    void skipStopsTheBodyAfterTheChunkThatAskedForIt() throws Exception {
        String body = "x".repeat(200_000);
        try (MilterSession s = open(full)) {
            envelope(s, "sender@example.org", "r@example.org");
            EndOfMessage eom = s.message(message("skip-body, add-header", body));
            assertThat(eom.decision()).isEqualTo(Decision.CONTINUE);
            assertThat(eom.modifications()).hasSize(1);
        }
        assertThat(full.report(queueId)).containsEntry("chunks.count", "1").containsEntry("chunks.0", "65535");
    }

    @Test
    void progressKeepsTheDeadlineAlive() throws Exception {
        // four progress replies 0.5 s apart: 2 s in all, past the 1.5 s content timeout, each gap well within it
        FilterConfig config = FilterConfig.builder(full.socket()).contentTimeout(Duration.ofMillis(1500)).build();
        try (MilterSession s = open(config)) {
            envelope(s, "sender@example.org", "r@example.org");
            EndOfMessage eom = s.message(message("progress, add-header", "x\r\n"));
            assertThat(eom.decision()).isEqualTo(Decision.CONTINUE);
            assertThat(eom.modifications()).hasSize(1);
        }
    }

    @Test
    void aFilterThatStopsAnsweringFailsWithinTheContentTimeout() throws Exception {
        FilterConfig config = FilterConfig.builder(full.socket()).contentTimeout(Duration.ofMillis(800)).build();
        try (MilterSession s = open(config)) {
            envelope(s, "sender@example.org", "r@example.org");
            long start = System.nanoTime();
            EndOfMessage eom = s.message(message("hang", "x\r\n"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Decision.Failed failed = new Decision.Failed(full.socket().toString(),
                    "filter failed: timed out after 800ms at SMFIC_BODYEOB", DefaultAction.TEMPFAIL);
            assertThat(eom.decision()).isEqualTo(failed);
            assertThat(eom.decision().smtpReply()).contains(Reply.of(451, "4.7.1", "Service unavailable - try again later"));
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            // the filter is left out for the rest of the session
            assertThat(s.mail("<sender@example.org>", List.of())).isEqualTo(failed);
        }
    }

    @Test
    void abortReachesTheFilter() throws Exception {
        try (MilterSession s = open(full)) {
            envelope(s, "sender@example.org", "r@example.org");
            s.abort();
        }
        assertThat(full.report(queueId)).containsEntry("aborted", "True").containsEntry("rcpt.0.0", "<r@example.org>");
    }

    @Test
    void unknownCommandsReachTheFilter() throws Exception {
        try (MilterSession s = open(full)) {
            s.connect(ConnectInfo.of(new InetSocketAddress("127.0.0.1", 1025), "client.example"));
            macros.put("{i}", queueId);
            assertThat(s.mail("<sender@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            assertThat(s.unknown("XFOO bar")).isEqualTo(Decision.CONTINUE);
        }
        assertThat(full.report(queueId)).containsEntry("unknown", "XFOO bar");
    }

    @Test
    void aLeanFilterGetsNoReplyEventsLeadingSpaceAndItsOwnMacroList() throws Exception {
        macros.put("{custom}", "custom value");
        macros.put("{auth_authen}", "alice");
        EndOfMessage eom;
        try (MilterSession s = open(lean)) {
            envelope(s, "sender@example.org", "reject-rcpt@example.org");
            eom = s.message(message("add-header, change-header", "lean body\r\n"));
            assertThat(s.negotiation().orElseThrow().options()).contains(ProtocolOption.NO_REPLY_CONNECT,
                    ProtocolOption.NO_REPLY_HELO, ProtocolOption.NO_REPLY_MAIL, ProtocolOption.NO_REPLY_RCPT,
                    ProtocolOption.NO_REPLY_HEADER, ProtocolOption.NO_REPLY_END_OF_HEADERS,
                    ProtocolOption.NO_REPLY_BODY, ProtocolOption.NO_DATA, ProtocolOption.NO_UNKNOWN,
                    ProtocolOption.HEADER_LEADING_SPACE);
            assertThat(s.negotiation().orElseThrow().macros())
                    .isEqualTo(Map.of(MacroStage.MAIL, List.of("i", "{custom}")));
        }
        // with SMFIP_HDR_LEADSPC the filter's values are taken as they are: no space is added
        assertThat(eom.modifications()).containsExactly(
                new Modification.AddHeader(HeaderField.of("X-Added", "added by the test milter")),
                new Modification.ChangeHeader(1, HeaderField.of("Subject", "changed by the test milter")));
        Map<String, String> r = lean.report(queueId);
        assertThat(r).containsEntry("headers.1.1", " hello")
                .containsEntry("headers.4.1", " one\n\ttwo")
                .containsEntry("macros.mail.{custom}", "custom value")
                .containsEntry("macros.mail.{auth_authen}", "")
                .containsEntry("body", "lean body\r\n")
                .doesNotContainKey("data");
    }

    @Test
    void aChainShowsEachFilterTheMessageAsTheEarlierOnesLeftIt() throws Exception {
        FilteredMessage result;
        try (MilterChain chain = client.openChain(List.of(FilterConfig.builder(full.socket()).build(),
                FilterConfig.builder(lean.socket()).build()), macros::get)) {
            chain.connect(ConnectInfo.of(new InetSocketAddress("127.0.0.1", 1025), "client.example"));
            chain.helo("client.example");
            macros.put("{i}", queueId);
            assertThat(chain.mail("<sender@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            assertThat(chain.rcpt("<r@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            assertThat(chain.data()).isEqualTo(Decision.CONTINUE);
            result = chain.message(message("change-header, add-header, delete-header", "chained\r\n"));
        }
        assertThat(result.decision()).isEqualTo(Decision.CONTINUE);
        // the second filter saw the first one's changes, and made its own on top
        Map<String, String> second = lean.report(queueId);
        assertThat(second).containsEntry("headers.count", "5")
                .containsEntry("headers.1.1", " changed by the test milter")
                .containsEntry("headers.4.0", "X-Added");
        assertThat(result.answers()).hasSize(2);
        assertThat(result.content().headers()).extracting(HeaderField::toString).containsExactly(
                "From: sender@example.org",
                "Subject:changed by the test milter",
                "X-Do: change-header, add-header, delete-header",
                "X-Folded: one\\r\\n\ttwo",
                "X-Added: added by the test milter",
                "X-Added:added by the test milter");
    }

    @Test
    void aChainStopsAtTheFirstRefusal() throws Exception {
        try (MilterChain chain = client.openChain(List.of(FilterConfig.builder(full.socket()).build(),
                FilterConfig.builder(lean.socket()).build()), name -> name.equals("{i}") ? queueId : null)) {
            chain.connect(ConnectInfo.of(new InetSocketAddress("127.0.0.1", 1025), "client.example"));
            chain.helo("client.example");
            chain.mail("<sender@example.org>", List.of());
            chain.rcpt("<r@example.org>", List.of());
            FilteredMessage result = chain.message(message("reject", "x\r\n"));
            assertThat(result.decision()).isEqualTo(new Decision.Reject(MilterReplies.REJECT));
            assertThat(result.answers()).hasSize(1);
        }
    }
}
