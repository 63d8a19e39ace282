package dev.pillarbox.smtp.extensions;

import static dev.pillarbox.smtp.extensions.ExtensionTesting.ehloKeywords;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ENHANCEDSTATUSCODES (RFC 2034): on, every 2xx/4xx/5xx reply but the greeting and the HELO/EHLO replies carries an
 * RFC 3463 code; off, the server strips the codes from every reply, plugin replies included.
 */
class EnhancedStatusCodesExtensionTest {

    /** A plugin verb answering with its own enhanced code. */
    private static final Module XCODE = new AbstractModule() {
        @Override
        protected void configure() {
            SmtpBinder.verb(binder(), "XCODE").toInstance((session, command) ->
                    Outcome.reply(Reply.of(250, "2.6.0", "plugin code")));
        }
    };

    private static SmtpTestServer server(boolean on) {
        return server(on, 10);
    }

    private static SmtpTestServer server(boolean on, int hardErrorLimit) {
        return SmtpTestServer.builder().enhancedStatusCodes(false).modules(XCODE)
                .settings(s -> {
                    var settings = s.discoverPlugins(true).hardErrorLimit(hardErrorLimit);
                    return on ? settings : settings.pluginDisabled("enhancedstatuscodes");
                }).start();
    }

    @Test
    void advertisedWhenOnAndAbsentWhenOff() {
        try (SmtpTestServer server = server(true)) {
            assertThat(ehloKeywords(server)).contains("ENHANCEDSTATUSCODES");
            assertThat(server.server().enhancedStatusCodes()).isTrue();
        }
        try (SmtpTestServer server = server(false)) {
            assertThat(ehloKeywords(server)).doesNotContain("ENHANCEDSTATUSCODES");
            assertThat(server.server().enhancedStatusCodes()).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NOOP|250 2.0.0 OK|250 OK",
        "XCODE|250 2.6.0 plugin code|250 plugin code",
        "XUNKNOWN|500 5.5.2 Syntax error, command unrecognized|500 Syntax error, command unrecognized",
        "RCPT TO:<b@example.net>|503 5.5.1 Bad sequence of commands|503 Bad sequence of commands",
        "MAIL FROM:<a@example.org> FOO=1|555 5.5.4 Parameter FOO not recognized or not implemented"
                + "|555 Parameter FOO not recognized or not implemented",
        "MAIL FROM:<a@example.org>|250 2.1.0 Sender OK|250 Sender OK"})
    void repliesKeepTheirCodesOnlyWhenOn(String command, String on, String off) {
        try (SmtpTestServer server = server(true); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command(command).toString()).isEqualTo(on);
        }
        try (SmtpTestServer server = server(false); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command(command).toString()).isEqualTo(off);
        }
    }

    // RFC 2034 4: the codes go on every reply once the server supports the extension, whether or not the client
    // said EHLO; the HELO reply itself has none
    @Test
    void codesAfterHeloToo() {
        try (SmtpTestServer server = server(true); SmtpTestClient client = server.greeted()) {
            assertThat(client.command("HELO client.example").toString()).isEqualTo("250 mx.test.example");
            assertThat(client.command("MAIL FROM:<a@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
            assertThat(client.command("RCPT TO:<b@example.net>").toString()).isEqualTo("250 2.1.5 Recipient OK");
            assertThat(client.data("hi\r\n").toString()).isEqualTo("250 2.0.0 OK: queued as m1");
        }
    }

    @Test
    void wholeTransactionWithoutCodesWhenOff() {
        try (SmtpTestServer server = server(false); SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("hi\r\n").toString()).isEqualTo("250 OK: queued as m1");
            assertThat(client.command("QUIT").toString()).isEqualTo("221 Bye");
        }
    }

    // the error budget counts X.5.X codes: stripping them from the wire must not let a client off the hook
    @Test
    void protocolErrorsStillCountWhenCodesAreStripped() {
        try (SmtpTestServer server = server(false, 3); SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org> FOO=1");
            client.command("MAIL FROM:<a@example.org> FOO=1");
            assertThat(client.command("MAIL FROM:<a@example.org> FOO=1").toString())
                    .isEqualTo("555 Parameter FOO not recognized or not implemented");
            assertThat(client.readReply().toString()).isEqualTo("421 Too many errors, closing connection");
        }
    }

    @Test
    void everyBuiltInReplyCarriesAMatchingCodeWhenOn() {
        List<String> commands = List.of("NOOP", "HELP", "VRFY postmaster", "EXPN staff", "RSET", "DATA",
                "MAIL FROM:<a@example.org> SIZE=x", "MAIL FROM:<a@example.org>", "MAIL FROM:<a@example.org>",
                "RCPT TO:<b@example.net> NOTIFY=NEVER,DELAY", "RCPT TO:<b@example.net>", "BDAT x", "XYZZY");
        try (SmtpTestServer server = server(true); SmtpTestClient client = server.afterEhlo()) {
            for (String command : commands) {
                Reply reply = client.command(command);
                assertThat(reply.enhancedCode()).as(command + " -> " + reply).isPresent();
                assertThat(reply.enhancedCode().orElseThrow().toString())
                        .as(command + " -> " + reply).startsWith(reply.code().value() / 100 + ".");
            }
        }
    }
}
