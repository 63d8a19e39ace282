package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.Verb;
import dev.pillarbox.smtp.plugins.api.CommandLineAllowance;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Command-line limits per verb (RFC 5321 4.5.3.1.4): an extension's parameters widen only the lines of the verb they
 * belong to; every other command over the configured limit gets {@code 500 5.5.2} and the session goes on.
 */
class CommandLineLimitTest {

    static Stream<Arguments> cases() {
        CommandLineAllowance size = CommandLineAllowance.of("MAIL", "SIZE", 26);
        CommandLineAllowance envid = CommandLineAllowance.of("MAIL", "ENVID", 107);
        CommandLineAllowance orcpt = CommandLineAllowance.of("RCPT", "ORCPT", 507);
        CommandLineAllowance notify = CommandLineAllowance.of("RCPT", "NOTIFY", 29);
        return Stream.of(
                Arguments.of(512, Set.of(), Map.of()),
                Arguments.of(512, Set.of(size), Map.of(Verb.MAIL, 538)),
                Arguments.of(512, Set.of(size, envid), Map.of(Verb.MAIL, 645)),
                // the verbs do not add up: one line is either a MAIL or a RCPT
                Arguments.of(512, Set.of(size, envid, orcpt, notify), Map.of(Verb.MAIL, 645, Verb.RCPT, 1048)),
                Arguments.of(2048, Set.of(orcpt), Map.of(Verb.RCPT, 2555)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachVerbGetsTheConfiguredLimitPlusTheSumOfItsAllowances(int configured, Set<CommandLineAllowance> allowances,
            Map<Verb, Integer> expected) {
        assertThat(SmtpServer.longerCommandLines(configured, allowances)).isEqualTo(expected);
    }

    /** The extensions enabled by default, as an operator runs them: DSN's ORCPT and NOTIFY widen RCPT to 1048. */
    private static SmtpTestServer serverWithParameterExtensions() {
        return SmtpTestServer.builder().settings(s -> s.discoverPlugins(true)).start();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NOOP|500 5.5.2 Line too long",
        "HELO|500 5.5.2 Line too long",
        "EHLO|500 5.5.2 Line too long",
        "RSET|500 5.5.2 Line too long",
        "VRFY|500 5.5.2 Line too long",
        "EXPN|500 5.5.2 Line too long",
        "HELP|500 5.5.2 Line too long",
        "QUIT|500 5.5.2 Line too long",
        "DATA|500 5.5.2 Line too long",
        "BDAT|500 5.5.2 Line too long",
        "AUTH|500 5.5.2 Line too long", // RFC 4954 4: the AUTH command keeps the SMTP line limit
        "STARTTLS|500 5.5.2 Line too long",
        "XFOO|500 5.5.2 Line too long",
        "MAILX|500 5.5.2 Line too long",
        // MAIL and RCPT lines of 600 octets are read whole and answered on their merits
        "MAIL FROM:<a@example.org> ENVID=|501 5.5.4 Syntax error in ENVID parameter: longer than 100 characters",
        "RCPT TO:<LOCAL64@example.net> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;|250 2.1.5 Recipient OK",
    })
    void aSixHundredOctetLineIsTooLongUnlessAnExtensionWidensItsVerb(String command, String reply) {
        try (SmtpTestServer server = serverWithParameterExtensions(); SmtpTestClient client = server.afterEhlo()) {
            if (command.startsWith("RCPT")) {
                client.command("MAIL FROM:<a@example.org>");
            }
            String line = lineOf(command.replace("LOCAL64", "b".repeat(64)), 600);
            assertThat(line.length() + 2).isEqualTo(600);
            assertThat(client.command(line).toString()).isEqualTo(reply);
            assertThat(client.command("NOOP").toString()).as("the session goes on").isEqualTo("250 2.0.0 OK");
        }
    }

    @ParameterizedTest(name = "{0} of {1} octets")
    @CsvSource(delimiter = '|', value = {
        "NOOP|512|250 2.0.0 OK",
        "NOOP|513|500 5.5.2 Line too long",
        "RCPT TO:<b@example.net> ORCPT=rfc822;|1048|501 5.5.4 Syntax error in ORCPT parameter: longer than 500"
                + " characters",
        "RCPT TO:<b@example.net> ORCPT=rfc822;|1049|500 5.5.2 Line too long",
    })
    void theLimitIsExactIncludingCrlf(String command, int octets, String reply) {
        try (SmtpTestServer server = serverWithParameterExtensions(); SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command(lineOf(command, octets)).toString()).isEqualTo(reply);
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    /**
     * A command line of exactly {@code octets} octets with CRLF: the text, then filler (after a space unless the
     * text ends a parameter's {@code =} or {@code ;}).
     */
    private static String lineOf(String text, int octets) {
        String start = text.endsWith("=") || text.endsWith(";") ? text : text + " ";
        return start + "x".repeat(octets - start.length() - 2);
    }
}
