package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in verb's success and failure replies, exact lines, in the session state each needs. */
class BuiltInVerbsTest {

    private static SmtpTestServer server;

    @BeforeAll
    static void start() {
        server = SmtpTestServer.builder().settings(s -> s.maxRecipients(2)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    enum State {
        GREETED(SmtpTestServer::greeted),
        AFTER_EHLO(SmtpTestServer::afterEhlo),
        IN_MAIL(s -> {
            SmtpTestClient client = s.afterEhlo();
            client.send("MAIL FROM:<sender@example.org>");
            client.expect(250);
            return client;
        }),
        HAS_RCPT(SmtpTestServer::inTransaction);

        final Function<SmtpTestServer, SmtpTestClient> open;

        State(Function<SmtpTestServer, SmtpTestClient> open) {
            this.open = open;
        }
    }

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of(State.GREETED, "HELO client.example", "250 mx.test.example"),
                Arguments.of(State.GREETED, "EHLO client.example", "250-mx.test.example\r\n250 PIPELINING"),
                Arguments.of(State.HAS_RCPT, "EHLO again.example", "250-mx.test.example\r\n250 PIPELINING"),
                Arguments.of(State.GREETED, "HELO", "501 5.5.4 Syntax error: a domain name or address literal is required"),
                Arguments.of(State.GREETED, "EHLO", "501 5.5.4 Syntax error: a domain name or address literal is required"),
                Arguments.of(State.GREETED, "MAIL FROM:<sender@example.org>", "503 5.5.1 Bad sequence of commands"),
                Arguments.of(State.GREETED, "RCPT TO:<rcpt@example.net>", "503 5.5.1 Bad sequence of commands"),
                Arguments.of(State.GREETED, "DATA", "503 5.5.1 Bad sequence of commands"),
                Arguments.of(State.AFTER_EHLO, "MAIL FROM:<sender@example.org>", "250 2.1.0 Sender OK"),
                Arguments.of(State.AFTER_EHLO, "mail from:<>", "250 2.1.0 Sender OK"),
                Arguments.of(State.AFTER_EHLO, "MAIL FROM:sender@example.org", "501 5.5.4 Syntax error in MAIL FROM: %s"),
                Arguments.of(State.AFTER_EHLO, "MAIL TO:<sender@example.org>", "501 5.5.4 Syntax error in MAIL FROM: %s"),
                Arguments.of(State.AFTER_EHLO, "MAIL FROM:<sender@example.org> SIZE=100",
                        "555 5.5.4 Parameter SIZE not recognized or not implemented"),
                Arguments.of(State.AFTER_EHLO, "MAIL FROM:<j\u00f6rg@example.org>",
                        "553 5.6.7 Non-ASCII address requires the SMTPUTF8 parameter"),
                Arguments.of(State.AFTER_EHLO, "RCPT TO:<rcpt@example.net>", "503 5.5.1 Bad sequence of commands"),
                Arguments.of(State.AFTER_EHLO, "DATA", "503 5.5.1 Bad sequence of commands"),
                Arguments.of(State.IN_MAIL, "MAIL FROM:<other@example.org>", "503 5.5.1 Bad sequence of commands"),
                Arguments.of(State.IN_MAIL, "RCPT TO:<rcpt@example.net>", "250 2.1.5 Recipient OK"),
                Arguments.of(State.IN_MAIL, "RCPT TO:<Postmaster>", "250 2.1.5 Recipient OK"),
                Arguments.of(State.IN_MAIL, "RCPT TO:rcpt@example.net", "501 5.5.4 Syntax error in RCPT TO: %s"),
                Arguments.of(State.IN_MAIL, "RCPT TO:<rcpt@example.net> NOTIFY=NEVER",
                        "555 5.5.4 Parameter NOTIFY not recognized or not implemented"),
                Arguments.of(State.IN_MAIL, "RCPT TO:<\u00fcser@example.net>",
                        "553 5.6.7 Non-ASCII address requires the SMTPUTF8 parameter"),
                Arguments.of(State.IN_MAIL, "DATA", "503 5.5.1 Bad sequence of commands"),
                Arguments.of(State.HAS_RCPT, "DATA", "354 Start mail input; end with <CRLF>.<CRLF>"),
                Arguments.of(State.HAS_RCPT, "DATA now", "501 5.5.4 Syntax error: DATA takes no arguments"),
                Arguments.of(State.HAS_RCPT, "RSET", "250 2.0.0 OK"),
                Arguments.of(State.HAS_RCPT, "RSET all", "501 5.5.4 Syntax error: RSET takes no arguments"),
                Arguments.of(State.GREETED, "NOOP", "250 2.0.0 OK"),
                Arguments.of(State.HAS_RCPT, "NOOP anything at all", "250 2.0.0 OK"),
                Arguments.of(State.GREETED, "QUIT", "221 2.0.0 Bye"),
                Arguments.of(State.GREETED, "QUIT now", "501 5.5.4 Syntax error: QUIT takes no arguments"),
                Arguments.of(State.GREETED, "VRFY postmaster",
                        "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery"),
                Arguments.of(State.GREETED, "VRFY", "501 5.5.4 Syntax error: VRFY needs a user name or mailbox"),
                Arguments.of(State.GREETED, "EXPN staff", "502 5.5.1 EXPN is not supported"),
                Arguments.of(State.GREETED, "EXPN", "502 5.5.1 EXPN is not supported"),
                Arguments.of(State.GREETED, "HELP MAIL", "214 2.0.0 Pillarbox SMTP server; commands are described in RFC 5321"),
                Arguments.of(State.GREETED, "HELP", "214 2.0.0 Pillarbox SMTP server; commands are described in RFC 5321"),
                Arguments.of(State.GREETED, "XFOO bar", "500 5.5.2 Syntax error, command unrecognized"),
                Arguments.of(State.HAS_RCPT, "TURN", "500 5.5.2 Syntax error, command unrecognized"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("replies")
    void verbAnswersWithExactReply(State state, String command, String expected) {
        try (SmtpTestClient client = state.open.apply(server)) {
            String reply = client.command(command).toString();
            if (expected.contains("%s")) {
                String prefix = expected.substring(0, expected.indexOf("%s"));
                assertThat(reply).startsWith(prefix).matches(".* at position \\d+");
            } else {
                assertThat(reply).isEqualTo(expected);
            }
        }
    }

    @Test
    void malformedReversePathSaysWhatIsWrong() {
        try (SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:sender@example.org").toString())
                    .isEqualTo("501 5.5.4 Syntax error in MAIL FROM: " + reasonFor("FROM:sender@example.org"));
        }
    }

    @Test
    void recipientLimitAnswers452() {
        try (SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command("RCPT TO:<two@example.net>").toString()).isEqualTo("250 2.1.5 Recipient OK");
            assertThat(client.command("RCPT TO:<three@example.net>").toString())
                    .isEqualTo("452 4.5.3 Too many recipients");
        }
    }

    @Test
    void rsetEndsTheTransaction() {
        try (SmtpTestClient client = server.inTransaction()) {
            client.command("RSET");
            assertThat(client.command("RCPT TO:<two@example.net>").toString())
                    .isEqualTo("503 5.5.1 Bad sequence of commands");
            assertThat(client.command("MAIL FROM:<sender@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
        }
    }

    @Test
    void heloInTransactionResetsIt() {
        try (SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command("HELO again.example").toString()).isEqualTo("250 mx.test.example");
            assertThat(client.command("DATA").toString()).isEqualTo("503 5.5.1 Bad sequence of commands");
        }
    }

    @Test
    void quitClosesTheConnection() {
        try (SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command("QUIT").toString()).isEqualTo("221 2.0.0 Bye");
            assertThat(client.awaitClose()).isTrue();
        }
        assertThat(server.store().messages()).isEmpty();
    }

    private static String reasonFor(String argument) {
        try {
            dev.pillarbox.smtp.core.MailArguments.parse(argument);
            throw new AssertionError("parsed: " + argument);
        } catch (dev.pillarbox.smtp.core.AddressSyntaxException e) {
            return e.reason() + " at position " + e.position();
        }
    }
}
