package dev.pillarbox.smtp.extensions;

import static dev.pillarbox.smtp.extensions.ExtensionTesting.ehloKeywords;
import static dev.pillarbox.smtp.extensions.ExtensionTesting.server;
import static dev.pillarbox.smtp.extensions.ExtensionTesting.serverWithout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SIZE (RFC 1870) on a real server whose maximum message size is 1000 octets. */
class SizeExtensionTest {

    private static final String TOO_BIG = "552 5.3.4 Message size exceeds fixed maximum message size";

    private static SmtpTestServer limitedTo1000() {
        return server(s -> s.maxMessageSize(1000));
    }

    @Test
    void advertisesTheServersMaximumMessageSize() {
        try (SmtpTestServer server = limitedTo1000()) {
            assertThat(ehloKeywords(server)).contains("SIZE 1000");
        }
        try (SmtpTestServer server = serverWithout()) {
            assertThat(ehloKeywords(server)).contains("SIZE 10485760");
        }
    }

    @Test
    void switchedOffNeitherAdvertisesNorAcceptsSize() {
        try (SmtpTestServer server = serverWithout("size"); SmtpTestClient client = server.afterEhlo()) {
            assertThat(ehloKeywords(server)).noneMatch(k -> k.startsWith("SIZE"));
            assertThat(client.command("MAIL FROM:<a@example.org> SIZE=10").toString())
                    .isEqualTo("555 5.5.4 Parameter SIZE not recognized or not implemented");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SIZE=999|250 2.1.0 Sender OK",
        "SIZE=1000|250 2.1.0 Sender OK",
        "SIZE=0|250 2.1.0 Sender OK",
        "size=0001000|250 2.1.0 Sender OK",
        "SIZE=1001|" + TOO_BIG,
        "SIZE=99999999999999999999|" + TOO_BIG,
        "SIZE=123456789012345678901|501 5.5.4 Syntax error in SIZE parameter: a number of octets is expected",
        "SIZE=12x|501 5.5.4 Syntax error in SIZE parameter: a number of octets is expected",
        "SIZE=-1|501 5.5.4 Syntax error in SIZE parameter: a number of octets is expected",
        "SIZE|501 5.5.4 Syntax error in SIZE parameter: a number of octets is expected"})
    void declaredSizeIsCheckedOnMail(String parameter, String expected) {
        try (SmtpTestServer server = limitedTo1000(); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org> " + parameter).toString()).isEqualTo(expected);
        }
    }

    @Test
    void bodyOverTheLimitIsDrainedAndRefusedAndTheSessionGoesOn() {
        try (SmtpTestServer server = limitedTo1000(); SmtpTestClient client = server.afterEhlo()) {
            // declared small, sent large: the declaration does not let it through
            client.command("MAIL FROM:<a@example.org> SIZE=500");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data(lines(20)).toString()).isEqualTo(TOO_BIG);
            // undeclared
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data(lines(20)).toString()).isEqualTo(TOO_BIG);
            assertThat(client.command("MAIL FROM:<a@example.org> SIZE=100").toString())
                    .isEqualTo("250 2.1.0 Sender OK");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data(lines(1)).toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages()).hasSize(1);
        }
    }

    private static String lines(int count) {
        return ("x".repeat(98) + "\r\n").repeat(count);
    }
}
