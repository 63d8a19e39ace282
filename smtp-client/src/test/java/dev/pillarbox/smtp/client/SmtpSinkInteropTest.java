package dev.pillarbox.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.client.peers.DumpingSmtpSink;
import dev.pillarbox.smtp.testing.SmtpSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against Postfix's {@code smtp-sink}, a server nobody here wrote, including its options that refuse
 * commands (hard, soft, disconnect, 421) and its LMTP mode.
 */
class SmtpSinkInteropTest {

    static final ClientSettings SETTINGS = ClientSettings.builder().heloName("client.example")
            .timeouts(Timeouts.all(Duration.ofSeconds(30))).build();
    static final String MESSAGE = "From: a@example.org\r\nSubject: test\r\n\r\n.leading dot\r\nbody\r\n";

    @TempDir
    static Path dir;
    private static SmtpSink sink;

    @BeforeAll
    static void startSink() throws Exception {
        sink = SmtpSink.start(dir);
    }

    @AfterAll
    static void stopSink() {
        if (sink != null) {
            sink.close();
        }
    }

    private static SmtpClient connect(SmtpSink peer, ClientSettings settings) throws SmtpClientException {
        return SmtpClient.connect("127.0.0.1", peer.port(), settings);
    }

    @Test
    void capabilitiesAreParsedFromTheEhloReply() throws Exception {
        try (SmtpClient client = connect(sink, SETTINGS)) {
            Capabilities caps = client.capabilities();
            assertThat(client.greeting()).hasToString("220 smtp-sink ESMTP");
            assertThat(caps.serverName()).isEqualTo("smtp-sink");
            assertThat(caps.esmtp()).isTrue();
            assertThat(caps.pipelining()).isTrue();
            assertThat(caps.eightBitMime()).isTrue();
            assertThat(caps.dsn()).isTrue();
            assertThat(caps.enhancedStatusCodes()).isTrue();
            assertThat(caps.authMechanisms()).containsExactly("PLAIN", "LOGIN");
            assertThat(caps.parameters("XFORWARD")).containsExactly("NAME", "ADDR", "PROTO", "HELO");
            assertThat(caps.chunking()).isFalse();
            assertThat(caps.sizeLimit()).isEmpty();
        }
    }

    @Test
    void aPipelinedMessageToTwoRecipientsIsAcceptedForBoth() throws Exception {
        List<String> transcript = Collections.synchronizedList(new ArrayList<>());
        ClientSettings settings = SETTINGS.toBuilder()
                .transcript((direction, line) -> transcript.add(direction.name().charAt(0) + ": " + line)).build();
        try (SmtpClient client = connect(sink, settings)) {
            SendResult result = client.send(Envelope.of("a@example.org", "b@example.net", "c@example.net"),
                    MessageBody.of(MESSAGE));
            assertThat(result.acceptedByAll()).isTrue();
            assertThat(result.recipients()).extracting(RecipientResult::toString).containsExactly(
                    "<b@example.net> ACCEPTED 250 2.0.0 Ok", "<c@example.net> ACCEPTED 250 2.0.0 Ok");
            assertThat(result.mailReply()).hasToString("250 2.1.0 Ok");
            assertThat(result.dataReply()).hasValueSatisfying(r -> assertThat(r.code().value()).isEqualTo(354));
        }
        // pipelined: all four commands went before the first reply came back
        int firstReply = transcript.indexOf("S: 250 2.1.0 Ok");
        assertThat(transcript.subList(0, firstReply)).containsSubsequence("C: MAIL FROM:<a@example.org>",
                "C: RCPT TO:<b@example.net>", "C: RCPT TO:<c@example.net>", "C: DATA");
        assertThat(transcript).contains("C: (message data: " + MESSAGE.length() + " octets, then <CRLF>.<CRLF>)");
    }

    @Test
    void oneClientSendsManyMessagesWithRsetBetweenThem() throws Exception {
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        ClientSettings settings = SETTINGS.toBuilder().transcript((direction, line) -> {
            if (direction == Transcript.Direction.CLIENT) {
                sent.add(line);
            }
        }).build();
        try (SmtpClient client = connect(sink, settings)) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE))
                        .acceptedByAll()).isTrue();
            }
            assertThat(client.noop()).hasToString("250 2.0.0 Ok");
        }
        assertThat(sent.stream().filter(l -> l.equals("RSET"))).hasSize(2);
        assertThat(sent.get(sent.size() - 1)).isEqualTo("QUIT");
    }

    @Test
    void withoutRsetBetweenMessagesRsetFollowsOnlyUnfinishedTransactions() throws Exception {
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        ClientSettings settings = SETTINGS.toBuilder().rsetBetweenMessages(false).transcript((direction, line) -> {
            if (direction == Transcript.Direction.CLIENT && !line.startsWith("(")) {
                sent.add(line);
            }
        }).build();
        try (SmtpSink refusing = SmtpSink.start(dir, "-r", "RCPT");
             SmtpClient client = connect(sink, settings);
             SmtpClient refused = connect(refusing, settings)) {
            client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE));
            client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE));
            assertThat(sent).doesNotContain("RSET");
            sent.clear();
            refused.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE));
            refused.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE));
            // the first transaction ended at its refused RCPT, with MAIL still open on the server
            assertThat(sent).containsExactly("MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>", "RSET",
                    "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>");
        }
    }

    @Test
    void preparedMessagesArePipelinedAcrossMessages() throws Exception {
        List<SendResult> results = new ArrayList<>();
        try (SmtpClient client = connect(sink, SETTINGS)) {
            PreparedMessage message = client.prepare(Envelope.of("a@example.org", "b@example.net"),
                    MESSAGE.getBytes(StandardCharsets.US_ASCII));
            client.sendAll(Collections.nCopies(200, message).iterator(), results::add);
            assertThat(client.isUsable()).isTrue();
        }
        assertThat(results).hasSize(200).allSatisfy(r -> assertThat(r.acceptedByAll()).isTrue());
    }

    @Test
    void softRefusedRecipientsAreDeferredWithTheReplyAndNoDataIsSent() throws Exception {
        try (SmtpSink refusing = SmtpSink.start(dir, "-r", "RCPT");
             SmtpClient client = connect(refusing, SETTINGS)) {
            assertThat(client.capabilities().pipelining()).as("-r implies -p").isFalse();
            SendResult result = client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE));
            assertThat(result.recipients()).extracting(RecipientResult::toString)
                    .containsExactly("<b@example.net> DEFERRED 450 4.3.0 Error: command failed");
            assertThat(result.dataReply()).as("DATA is not sent when no recipient was accepted").isEmpty();
            assertThat(result.accepted()).isFalse();
            assertThat(client.isUsable()).isTrue();
        }
    }

    @Test
    void aHardRefusedSenderRefusesEveryRecipientWithTheMailReply() throws Exception {
        try (SmtpSink refusing = SmtpSink.start(dir, "-f", "MAIL");
             SmtpClient client = connect(refusing, SETTINGS)) {
            SendResult result = client.send(Envelope.of("a@example.org", "b@example.net", "c@example.net"),
                    MessageBody.of(MESSAGE));
            assertThat(result.mailReply()).hasToString("500 5.3.0 Error: command failed");
            assertThat(result.withStatus(RecipientStatus.REFUSED)).hasSize(2)
                    .allSatisfy(r -> assertThat(r.rcptReply()).isEmpty());
            // the connection goes on: the next transaction starts with RSET
            assertThat(client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE))
                    .mailReply()).hasToString("500 5.3.0 Error: command failed");
        }
    }

    @Test
    void aRefusedEndOfDataRefusesTheAcceptedRecipients() throws Exception {
        try (SmtpSink refusing = SmtpSink.start(dir, "-f", ".");
             SmtpClient client = connect(refusing, SETTINGS)) {
            SendResult result = client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE));
            assertThat(result.recipients()).extracting(RecipientResult::toString)
                    .containsExactly("<b@example.net> REFUSED 500 5.3.0 Error: command failed");
            assertThat(result.recipients().get(0).rcptReply()).hasValueSatisfying(
                    r -> assertThat(r).hasToString("250 2.1.5 Ok"));
            assertThat(result.messageReplies()).extracting(Object::toString)
                    .containsExactly("500 5.3.0 Error: command failed");
        }
    }

    @Test
    void aRefusedDataCommandRefusesTheAcceptedRecipients() throws Exception {
        try (SmtpSink refusing = SmtpSink.start(dir, "-r", "DATA");
             SmtpClient client = connect(refusing, SETTINGS)) {
            SendResult result = client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE));
            assertThat(result.recipients()).extracting(RecipientResult::toString)
                    .containsExactly("<b@example.net> DEFERRED 450 4.3.0 Error: command failed");
            assertThat(result.messageReplies()).isEmpty();
        }
    }

    @Test
    void aServerThatHangsUpMidTransactionMakesTheClientUnusable() throws Exception {
        try (SmtpSink hangingUp = SmtpSink.start(dir, "-q", "RCPT");
             SmtpClient client = connect(hangingUp, SETTINGS)) {
            assertThatThrownBy(() -> client.send(Envelope.of("a@example.org", "b@example.net"),
                    MessageBody.of(MESSAGE)))
                    .isInstanceOf(SmtpConnectionClosedException.class)
                    .hasMessage("the server 127.0.0.1:" + hangingUp.port() + " closed the connection while the client"
                            + " waited for the reply to RCPT TO:<b@example.net>; no part of a reply had arrived");
            assertThat(client.isUsable()).isFalse();
            assertThatThrownBy(client::noop).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("this SMTP connection to 127.0.0.1:" + hangingUp.port()
                            + " is unusable: the server 127.0.0.1:" + hangingUp.port() + " closed the connection");
        }
    }

    @Test
    void a421DefersTheRecipientsAndEndsTheConnection() throws Exception {
        try (SmtpSink closing = SmtpSink.start(dir, "-Q", "MAIL");
             SmtpClient client = connect(closing, SETTINGS)) {
            SendResult result = client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE));
            assertThat(result.recipients()).extracting(RecipientResult::toString)
                    .containsExactly("<b@example.net> DEFERRED 421 4.0.0 Server closing connection");
            assertThat(client.unusableReason())
                    .hasValue("the server is closing the connection: 421 4.0.0 Server closing connection");
        }
    }

    @Test
    void withoutEsmtpTheClientFallsBackToHelo() throws Exception {
        try (SmtpSink plain = SmtpSink.start(dir, "-e");
             SmtpClient client = connect(plain, SETTINGS)) {
            assertThat(client.capabilities().esmtp()).isFalse();
            assertThat(client.capabilities().reply()).hasToString("250 smtp-sink");
            assertThat(client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(MESSAGE))
                    .acceptedByAll()).isTrue();
        }
    }

    @Test
    void lmtpGivesOneReplyPerAcceptedRecipient() throws Exception {
        try (SmtpSink lmtp = SmtpSink.start(dir, "-L");
             SmtpClient client = connect(lmtp, SETTINGS.toBuilder().lmtp(true).build())) {
            SendResult result = client.send(Envelope.of("a@example.org", "b@example.net", "c@example.net"),
                    MessageBody.of(MESSAGE));
            assertThat(result.messageReplies()).extracting(Object::toString)
                    .containsExactly("250 2.2.0 Ok", "250 2.2.0 Ok");
            assertThat(result.recipients()).extracting(RecipientResult::toString).containsExactly(
                    "<b@example.net> ACCEPTED 250 2.2.0 Ok", "<c@example.net> ACCEPTED 250 2.2.0 Ok");
        }
    }

    @Test
    void dsnParametersAndStuffedDotsReachTheServerAsSent() throws Exception {
        try (DumpingSmtpSink dumping = DumpingSmtpSink.start(dir);
             SmtpClient client = connect(dumping.process(), SETTINGS)) {
            Envelope envelope = Envelope.builder().from("a@example.org")
                    .to(Recipient.parse("b@example.net").withNotify(DsnNotify.SUCCESS, DsnNotify.FAILURE)
                            .withOriginalRecipient("b+list=x@example.net"))
                    .to(Recipient.parse("c@example.net").withNotify(DsnNotify.NEVER))
                    .dsnReturn(DsnReturn.HDRS).envelopeId("QQ+314159").build();
            SendResult result = client.send(envelope,
                    MessageBody.of("Subject: dots\r\n\r\n.\r\n..\r\n.x\r\nend\n"));
            assertThat(result.acceptedByAll()).isTrue();
            client.close();
            assertThat(dumping.lines()).containsSubsequence(
                "X-Mail-Args: <a@example.org> RET=HDRS ENVID=QQ+2B314159",
                "X-Rcpt-Args: <b@example.net> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b+2Blist+3Dx@example.net",
                "X-Rcpt-Args: <c@example.net> NOTIFY=NEVER",
                    "Subject: dots", "", ".", "..", ".x", "end");
        }
    }

    @Test
    void dsnParametersAreLeftOutWhenTheServerDoesNotOfferDsn() throws Exception {
        try (DumpingSmtpSink dumping = DumpingSmtpSink.start(dir, "-N");
             SmtpClient client = connect(dumping.process(), SETTINGS)) {
            assertThat(client.capabilities().dsn()).isFalse();
            client.send(Envelope.builder().from("a@example.org")
                    .to(Recipient.parse("b@example.net").withNotify(DsnNotify.NEVER)).dsnReturn(DsnReturn.FULL)
                    .build(), MessageBody.of("Subject: x\r\n\r\nx\r\n"));
            client.close();
            assertThat(dumping.lines()).contains("X-Mail-Args: <a@example.org>", "X-Rcpt-Args: <b@example.net>");
        }
    }
}
