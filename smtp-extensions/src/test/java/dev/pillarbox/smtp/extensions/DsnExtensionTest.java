package dev.pillarbox.smtp.extensions;

import static dev.pillarbox.smtp.extensions.ExtensionTesting.ehloKeywords;
import static dev.pillarbox.smtp.extensions.ExtensionTesting.server;
import static dev.pillarbox.smtp.extensions.ExtensionTesting.serverWithout;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.extensions.dsn.DsnMail;
import dev.pillarbox.smtp.extensions.dsn.DsnRecipient.Notify;
import dev.pillarbox.smtp.extensions.dsn.DsnRecipient.OriginalRecipient;
import dev.pillarbox.smtp.extensions.dsn.DsnRecipient;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DSN (RFC 3461): RET, ENVID, NOTIFY and ORCPT checked on arrival and carried, decoded, to message hooks. */
class DsnExtensionTest {

    private static final String OK_MAIL = "250 2.1.0 Sender OK";
    private static final String OK_RCPT = "250 2.1.5 Recipient OK";

    @Test
    void advertisedWhenOnAndParametersUnownedWhenOff() {
        try (SmtpTestServer server = serverWithout()) {
            assertThat(ehloKeywords(server)).contains("DSN");
        }
        try (SmtpTestServer server = serverWithout("dsn"); SmtpTestClient client = server.afterEhlo()) {
            assertThat(ehloKeywords(server)).doesNotContain("DSN");
            assertThat(client.command("MAIL FROM:<a@example.org> RET=FULL").toString())
                    .isEqualTo("555 5.5.4 Parameter RET not recognized or not implemented");
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command("RCPT TO:<b@example.net> NOTIFY=NEVER").toString())
                    .isEqualTo("555 5.5.4 Parameter NOTIFY not recognized or not implemented");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RET=FULL|" + OK_MAIL,
        "RET=hdrs ENVID=QQ314159|" + OK_MAIL,
        "ENVID=a+2Bb|" + OK_MAIL,
        "RET=ALL|501 5.5.4 Syntax error in RET parameter: use FULL or HDRS",
        "RET|501 5.5.4 Syntax error in RET parameter: use FULL or HDRS",
        "ENVID|501 5.5.4 Syntax error in ENVID parameter: a value is required",
        "ENVID=a+2|501 5.5.4 Syntax error in ENVID parameter: \"+\" must be followed by two upper-case hex digits"
                + " at position 2",
        "ENVID=a+2b|501 5.5.4 Syntax error in ENVID parameter: \"+\" must be followed by two upper-case hex digits"
                + " at position 2",
        // '=' is not even an esmtp-value character: the server's parser refuses it first
        "ENVID=a=b|501 5.5.4 Syntax error in MAIL FROM: unexpected character '=' in value of parameter ENVID"
                + " at position 28"})
    void mailParameters(String parameters, String expected) {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org> " + parameters).toString()).isEqualTo(expected);
        }
    }

    @Test
    void envidOver100CharactersIsRefused() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org> ENVID=" + "x".repeat(101)).toString())
                    .isEqualTo("501 5.5.4 Syntax error in ENVID parameter: longer than 100 characters");
        }
    }

    // RFC 3461 4.2: ORCPT MUST NOT exceed 500 characters. The DSN plugin declares that NOTIFY and ORCPT may lengthen
    // RCPT TO beyond the 512-octet command line (RFC 5321 4.5.3.1.4), so the longest legal ORCPT reaches its check
    @Test
    void orcptOver500CharactersIsRefusedAndOneOf500IsAcceptedWithDefaultLimits() {
        String longest = "RCPT TO:<b@example.net> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;" + "x".repeat(493);
        assertThat(longest.length() + 2).isGreaterThan(512);
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command("RCPT TO:<b@example.net> ORCPT=rfc822;" + "x".repeat(494)).toString())
                    .isEqualTo("501 5.5.4 Syntax error in ORCPT parameter: longer than 500 characters");
            assertThat(client.command(longest).toString()).isEqualTo(OK_RCPT);
        }
    }

    // without DSN only the MAIL parameters of SIZE, SMTPUTF8 and BODY widen the line: 512 + 26 + 10 + 16
    @Test
    void withDsnOffALongOrcptLineIsTooLong() {
        String line = "RCPT TO:<b@example.net> ORCPT=rfc822;" + "x".repeat(600);
        try (SmtpTestServer server = serverWithout("dsn"); SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command(line).toString()).isEqualTo("500 5.5.2 Line too long");
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NOTIFY=NEVER|" + OK_RCPT,
        "NOTIFY=success,FAILURE,DELAY|" + OK_RCPT,
        "ORCPT=rfc822;bob+40example.net|" + OK_RCPT,
        "NOTIFY=NEVER,SUCCESS|501 5.5.4 Syntax error in NOTIFY parameter: NEVER cannot be combined with other values",
        "NOTIFY=SOMETIMES|501 5.5.4 Syntax error in NOTIFY parameter: use NEVER or a list of SUCCESS, FAILURE, DELAY",
        "NOTIFY=DELAY,DELAY|501 5.5.4 Syntax error in NOTIFY parameter: DELAY is given twice",
        "NOTIFY|501 5.5.4 Syntax error in NOTIFY parameter: use NEVER or a list of SUCCESS, FAILURE, DELAY",
        "ORCPT=bob@example.net|501 5.5.4 Syntax error in ORCPT parameter: use addr-type;xtext,"
                + " e.g. rfc822;user@example.org",
        "ORCPT=rfc822;|501 5.5.4 Syntax error in ORCPT parameter: the address is empty",
        "ORCPT=rfc(822);bob|501 5.5.4 Syntax error in ORCPT parameter: the address type must be an atom"})
    void rcptParameters(String parameters, String expected) {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command("RCPT TO:<b@example.net> " + parameters).toString()).isEqualTo(expected);
        }
    }

    @Test
    void messageHooksReadTheDecodedValues() {
        List<DsnMail> mails = new CopyOnWriteArrayList<>();
        List<DsnRecipient> recipients = new CopyOnWriteArrayList<>();
        MessageHook capture = new MessageHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onMessage(SessionView session, Message message) {
                mails.add(DsnMail.of(message.envelope()));
                message.envelope().recipients().forEach(r -> recipients.add(DsnRecipient.of(r)));
                return HookResult.next();
            }
        };
        try (SmtpTestServer server = SmtpTestServer.builder().enhancedStatusCodes(false)
                .settings(s -> s.discoverPlugins(true)).modules(new AbstractModule() {
                    @Override
                    protected void configure() {
                        SmtpBinder.hook(binder(), MessageHook.class).toInstance(capture);
                    }
                }).start();
             SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org> RET=HDRS ENVID=QQ+2B314159");
            client.command("RCPT TO:<b@example.net> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Bob+20Smith+40example.net");
            client.command("RCPT TO:<c@example.net>");
            assertThat(client.data("hi\r\n").toString()).isEqualTo("250 2.0.0 OK: queued as m1");
        }
        assertThat(mails).containsExactly(new DsnMail(Optional.of(DsnMail.Ret.HDRS), Optional.of("QQ+314159")));
        assertThat(recipients).containsExactly(
                new DsnRecipient(Set.of(Notify.SUCCESS, Notify.FAILURE),
                        Optional.of(new OriginalRecipient("rfc822", "Bob Smith@example.net"))),
                new DsnRecipient(Set.of(), Optional.empty()));
    }
}
