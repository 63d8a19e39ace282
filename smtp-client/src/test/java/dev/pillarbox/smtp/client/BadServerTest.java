package dev.pillarbox.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Servers that break the protocol, fall silent or hang up: each failure is a typed exception whose message says what
 * the client waited for and what arrived; the client is unusable afterwards and says why. No test waits longer than
 * its short timeouts.
 */
@Timeout(30)
class BadServerTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final ClientSettings SETTINGS = ClientSettings.builder().heloName("client.example")
            .timeouts(Timeouts.all(Duration.ofSeconds(10))).build();

    private static ClientSettings withTimeouts(Timeouts timeouts) {
        return SETTINGS.toBuilder().timeouts(timeouts).build();
    }

    private static SmtpClient connect(ScriptedServer server, ClientSettings settings) throws SmtpClientException {
        return SmtpClient.connect("127.0.0.1", server.port(), settings);
    }

    /** Greets and answers EHLO, then plays {@code rest}. */
    private static ScriptedServer greeting(ScriptedServer.Script rest) throws Exception {
        return ScriptedServer.start(peer -> {
            peer.send("220 mx.test ESMTP\r\n");
            peer.readLine();
            peer.send(ScriptedServer.EHLO);
            rest.play(peer);
        });
    }

    private static SendResult sendOne(SmtpClient client) throws Exception {
        return client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of("Subject: x\r\n\r\nhi\r\n"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "250 2.1.0 Ok\\r\\nhello there\\r\\n"
                + "| reply line does not start with a three-digit code: \"hello there\"",
        "250 2.1.0 Ok\\r\\n250-first\\r\\n251 second\\r\\n"
                + "| reply code 251 differs from 250 on the previous line",
        "250 2.1.0 Ok\\r\\n600 out of range\\r\\n"
                + "| reply code 600 is out of range: reply code 600 is outside 200-599 (RFC 5321 4.2: first digit 2,"
                + " 3, 4 or 5)",
        "250 2.1.0 Ok\\r\\n199 below\\r\\n"
                + "| reply code 199 is out of range: reply code 199 is outside 200-599 (RFC 5321 4.2: first digit 2,"
                + " 3, 4 or 5)",
        "250 2.1.0 Ok\\r\\n250_underscore\\r\\n| reply code 250 is followed by '_' instead of a space or hyphen",
        "250 2.1.0 Ok\\r\\n250 bare LF\\n| bare LF in reply line",
    })
    void malformedReplyIsAProtocolErrorNamingWhatArrived(String replies, String problem) throws Exception {
        String wire = replies.replace("\\r", "\r").replace("\\n", "\n");
        try (ScriptedServer server = greeting(peer -> {
            peer.readLines(3);
            peer.send(wire);
            peer.silent();
        }); SmtpClient client = connect(server, SETTINGS)) {
            assertThatThrownBy(() -> sendOne(client)).isInstanceOf(SmtpProtocolException.class)
                    .hasMessage("malformed reply to RCPT TO:<b@example.net> from 127.0.0.1:" + server.port() + ": "
                            + problem);
            assertThat(client.isUsable()).isFalse();
            assertThatThrownBy(() -> sendOne(client)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("this SMTP connection to 127.0.0.1:" + server.port() + " is unusable: malformed reply"
                            + " to RCPT TO:<b@example.net> from 127.0.0.1:" + server.port() + ": " + problem);
        }
    }

    @Test
    void aReplyThatMakesNoSenseAtThatPointIsAProtocolError() throws Exception {
        try (ScriptedServer server = greeting(peer -> {
            peer.readLines(3);
            peer.send("354 go ahead\r\n");
            peer.silent();
        }); SmtpClient client = connect(server, SETTINGS)) {
            assertThatThrownBy(() -> sendOne(client)).isInstanceOf(SmtpProtocolException.class)
                    .hasMessage("unexpected reply 354 to MAIL FROM:<a@example.org> from 127.0.0.1:" + server.port()
                            + ": 354 go ahead");
        }
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOutAtTheGreeting() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.Peer::silent)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> connect(server, withTimeouts(Timeouts.builder().greeting(SHORT).build())))
                    .isInstanceOf(SmtpTimeoutException.class)
                    .hasMessage("no reply to the greeting from 127.0.0.1:" + server.port()
                            + " within 300 ms (greeting timeout, RFC 5321 4.5.3.2.1)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void silenceAfterMailTimesOutWithTheMailTimeout() throws Exception {
        try (ScriptedServer server = greeting(peer -> {
            peer.readLines(3);
            peer.silent();
        }); SmtpClient client = connect(server, withTimeouts(Timeouts.builder().mail(SHORT).build()))) {
            assertThatThrownBy(() -> sendOne(client)).isInstanceOf(SmtpTimeoutException.class)
                    .hasMessage("no reply to MAIL FROM:<a@example.org> from 127.0.0.1:" + server.port()
                            + " within 300 ms (MAIL timeout, RFC 5321 4.5.3.2.2)")
                    .satisfies(e -> assertThat(((SmtpTimeoutException) e).timeout()).isEqualTo(SHORT));
            assertThat(client.unusableReason()).hasValueSatisfying(r -> assertThat(r).startsWith("no reply to MAIL"));
        }
    }

    @Test
    void aReplyCutOffMidLineIsQuotedInTheTimeout() throws Exception {
        try (ScriptedServer server = greeting(peer -> {
            peer.readLines(3);
            peer.send("250 2.1.0 Ok\r\n250-2.1.5 half");
            peer.silent();
        }); SmtpClient client = connect(server, withTimeouts(Timeouts.builder().rcpt(SHORT).build()))) {
            assertThatThrownBy(() -> sendOne(client)).isInstanceOf(SmtpTimeoutException.class)
                    .hasMessage("no reply to RCPT TO:<b@example.net> from 127.0.0.1:" + server.port() + " within"
                            + " 300 ms (RCPT timeout, RFC 5321 4.5.3.2.3); what had arrived of the reply:"
                            + " \"250-2.1.5 half\"");
        }
    }

    @Test
    void silenceAfterTheDataTimesOutWithTheDataTerminationTimeout() throws Exception {
        try (ScriptedServer server = greeting(peer -> {
            peer.readLines(3);
            peer.send("250 Ok\r\n250 Ok\r\n354 go\r\n");
            peer.readUntil(".");
            peer.silent();
        }); SmtpClient client = connect(server, withTimeouts(Timeouts.builder().dataTermination(SHORT).build()))) {
            assertThatThrownBy(() -> sendOne(client)).isInstanceOf(SmtpTimeoutException.class)
                    .hasMessage("no reply to the end of the message data from 127.0.0.1:" + server.port()
                            + " within 300 ms (DATA termination timeout, RFC 5321 4.5.3.2.6)");
        }
    }

    @Test
    void aServerThatStopsReadingTheDataTimesOutWithTheDataBlockTimeout() throws Exception {
        try (ScriptedServer server = ScriptedServer.withSmallReceiveBuffer(peer -> {
            peer.send("220 mx.test ESMTP\r\n");
            peer.readLine();
            peer.send(ScriptedServer.EHLO);
            peer.readLines(3);
            peer.send("250 Ok\r\n250 Ok\r\n354 go\r\n");
            peer.silent(); // never reads the data
        }); SmtpClient client = connect(server, withTimeouts(Timeouts.builder().dataBlock(SHORT).build()))) {
            InputStream endless = new RepeatingInputStream("0123456789abcdef0123456789ABCDEF0123456789\r\n", 1L << 30);
            assertThatThrownBy(() -> client.send(Envelope.of("a@example.org", "b@example.net"),
                    MessageBody.of(endless, -1)))
                    .isInstanceOf(SmtpTimeoutException.class)
                    .hasMessageMatching("the server did not take \\d+ octets of message data within 300 ms"
                            + " \\(data block timeout, RFC 5321 4.5.3.2.5\\)");
        }
    }

    @Test
    void aServerThatHangsUpMidReplyIsQuoted() throws Exception {
        try (ScriptedServer server = greeting(peer -> {
            peer.readLines(3);
            peer.send("250 2.1.0 Ok\r\n451-4.3.0 trouble\r\n451-4.3.0 more");
        }); SmtpClient client = connect(server, SETTINGS)) {
            assertThatThrownBy(() -> sendOne(client)).isInstanceOf(SmtpConnectionClosedException.class)
                    .hasMessage("the server 127.0.0.1:" + server.port() + " closed the connection while the client"
                            + " waited for the reply to RCPT TO:<b@example.net>; what had arrived of it:"
                            + " \"451-4.3.0 trouble\\r\\n451-4.3.0 more\"");
        }
    }

    @Test
    void aRefusingGreetingIsAReplyException() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(peer -> {
            peer.send("554 5.7.1 No SMTP service here\r\n");
            peer.readLine();
            peer.send("221 Bye\r\n");
        })) {
            assertThatThrownBy(() -> connect(server, SETTINGS)).isInstanceOf(SmtpReplyException.class)
                    .hasMessage("the server 127.0.0.1:" + server.port() + " refused the session:"
                            + " 554 5.7.1 No SMTP service here")
                    .satisfies(e -> assertThat(((SmtpReplyException) e).reply().code().value()).isEqualTo(554));
        }
    }

    @Test
    void ehloAndHeloBothRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(peer -> {
            peer.send("220 mx.test\r\n");
            peer.readLine();
            peer.send("502 5.5.1 no EHLO\r\n");
            peer.readLine();
            peer.send("550 5.7.1 go away\r\n");
            peer.readLine();
        })) {
            assertThatThrownBy(() -> connect(server, SETTINGS)).isInstanceOf(SmtpReplyException.class)
                    .hasMessage("the server 127.0.0.1:" + server.port() + " refused EHLO (502 5.5.1 no EHLO) and"
                            + " HELO (550 5.7.1 go away)");
            assertThat(server.lines()).startsWith("EHLO client.example", "HELO client.example");
        }
    }

    @Test
    void requiredStartTlsThatIsNotOfferedFailsBeforeAnyMail() throws Exception {
        try (ScriptedServer server = greeting(peer -> peer.readLine())) {
            assertThatThrownBy(() -> connect(server, SETTINGS.toBuilder()
                    .tls(TlsOptions.mode(TlsMode.STARTTLS_REQUIRED)).build()))
                    .isInstanceOf(SmtpTlsException.class)
                    .hasMessage("the server 127.0.0.1:" + server.port() + " does not offer STARTTLS, which the client"
                            + " settings require (it offers mx.test [PIPELINING, 8BITMIME])");
            assertThat(server.awaitEnd()).isTrue();
            assertThat(server.lines()).containsExactly("EHLO client.example", "QUIT");
        }
    }

    @Test
    void opportunisticTlsGoesOnInPlainTextWhenNotOffered() throws Exception {
        try (ScriptedServer server = greeting(peer -> peer.readLine());
             SmtpClient client = connect(server, SETTINGS.toBuilder()
                     .tls(TlsOptions.mode(TlsMode.STARTTLS_OPPORTUNISTIC)).build())) {
            assertThat(client.isTls()).isFalse();
            assertThat(client.isUsable()).isTrue();
        }
    }

    @Test
    void plainTextAfterTheStartTlsReplyIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(peer -> {
            peer.send("220 mx.test ESMTP\r\n");
            peer.readLine();
            peer.send("250-mx.test\r\n250 STARTTLS\r\n");
            peer.readLine();
            peer.send("220 Ready to start TLS\r\n250-injected\r\n");
            peer.silent();
        })) {
            assertThatThrownBy(() -> connect(server, SETTINGS.toBuilder()
                    .tls(TlsOptions.mode(TlsMode.STARTTLS_REQUIRED)).build()))
                    .isInstanceOf(SmtpTlsException.class)
                    .hasMessage("the server 127.0.0.1:" + server.port() + " sent 14 octets after its 220 reply to"
                            + " STARTTLS, before the TLS handshake: \"250-injected\\r\\n\"; refusing to go on (plain"
                            + " text injected into the TLS session)");
        }
    }

    @Test
    void aMessageOverTheServersSizeLimitIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(peer -> {
            peer.send("220 mx.test ESMTP\r\n");
            peer.readLine();
            peer.send("250-mx.test\r\n250-PIPELINING\r\n250 SIZE 1000\r\n");
            peer.readLine();
            peer.send("250 2.0.0 Ok\r\n");
            peer.readLine();
            peer.send("221 Bye\r\n");
        }); SmtpClient client = connect(server, SETTINGS)) {
            assertThat(client.capabilities().sizeLimit()).hasValue(1000);
            assertThatThrownBy(() -> client.send(Envelope.of("a@example.org", "b@example.net"),
                    MessageBody.of(new byte[1001])))
                    .isInstanceOf(MessageTooLargeException.class)
                    .hasMessage("message of 1001 octets exceeds the server's SIZE limit of 1000 octets (RFC 1870);"
                            + " nothing was sent");
            assertThat(client.isUsable()).isTrue();
            assertThat(client.noop()).hasToString("250 2.0.0 Ok");
        }
    }

    @Test
    void aUtf8AddressNeedsSmtpUtf8() throws Exception {
        try (ScriptedServer server = greeting(peer -> peer.readLine());
             SmtpClient client = connect(server, SETTINGS)) {
            assertThatThrownBy(() -> client.send(Envelope.of("a@example.org", "jürgen@example.net"),
                    MessageBody.of("x")))
                    .isInstanceOf(ExtensionNotOfferedException.class)
                    .hasMessage("the envelope needs SMTPUTF8 (Envelope[from <a@example.org> to [<jürgen@example.net>],"
                            + " SMTPUTF8]) but the server does not offer it (RFC 6531 3.4); nothing was sent");
            assertThat(client.isUsable()).isTrue();
        }
    }

    @Test
    void binaryMimeNeedsBinaryMimeAndChunking() throws Exception {
        try (ScriptedServer server = greeting(peer -> peer.readLine());
             SmtpClient client = connect(server, SETTINGS)) {
            assertThatThrownBy(() -> client.send(Envelope.builder().from("a@example.org").to("b@example.net")
                    .body(BodyType.BINARY_MIME).build(), MessageBody.of("x")))
                    .isInstanceOf(ExtensionNotOfferedException.class)
                    .hasMessage("BODY=BINARYMIME needs the server's BINARYMIME and CHUNKING (RFC 3030 3); it offers"
                            + " neither; nothing was sent");
        }
    }

    @Test
    void dataAcceptedWithoutAnyRecipientIsEndedWithJustTheDot() throws Exception {
        try (ScriptedServer server = greeting(peer -> {
            peer.readLines(3);
            peer.send("250 Ok\r\n550 5.1.1 no such user\r\n354 go\r\n");
            peer.readLine();
            peer.send("554 5.5.1 no valid recipients\r\n");
            peer.readLine();
            peer.send("221 Bye\r\n");
        }); SmtpClient client = connect(server, SETTINGS)) {
            SendResult result = sendOne(client);
            assertThat(result.recipients()).extracting(RecipientResult::toString)
                    .containsExactly("<b@example.net> REFUSED 550 5.1.1 no such user");
            client.close();
            assertThat(server.awaitEnd()).isTrue();
            // RFC 2920 3.1: the content is not sent, just the end of data
            assertThat(server.lines()).containsExactly("EHLO client.example", "MAIL FROM:<a@example.org>",
                    "RCPT TO:<b@example.net>", "DATA", ".", "QUIT");
        }
    }

    @Test
    void aCommandLongerThanTheBufferIsSentWhole() throws Exception {
        String user = "u".repeat(1500);
        try (ScriptedServer server = ScriptedServer.start(peer -> {
            peer.send("220 mx.test ESMTP\r\n");
            peer.readLine();
            peer.send("250-mx.test\r\n250 AUTH PLAIN\r\n");
            String auth = peer.readLine();
            peer.send(auth.length() > 2000 ? "235 2.7.0 Authentication successful\r\n" : "501 cut\r\n");
            peer.readLine();
            peer.send("221 Bye\r\n");
        }); SmtpClient client = connect(server, SETTINGS.toBuilder().bufferSize(1024)
                .credentials(Credentials.of(user, "pw").allowingWithoutTls()).build())) {
            assertThat(client.authenticatedWith()).hasValue(AuthMechanism.PLAIN);
        }
    }
}
