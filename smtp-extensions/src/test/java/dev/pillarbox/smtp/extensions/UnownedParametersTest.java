package dev.pillarbox.smtp.extensions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With an extension switched off, its parameters have no owner and the server answers 555 5.5.4 (RFC 5321
 * 4.1.1.11); with it on, the same command is accepted.
 */
class UnownedParametersTest {

    @ParameterizedTest(name = "{0} off: {2}")
    @CsvSource(delimiter = '|', value = {
        "size||MAIL FROM:<a@example.org> SIZE=100|SIZE",
        "8bitmime binarymime||MAIL FROM:<a@example.org> BODY=7BIT|BODY",
        "smtputf8||MAIL FROM:<a@example.org> SMTPUTF8|SMTPUTF8",
        "dsn||MAIL FROM:<a@example.org> RET=HDRS|RET",
        "dsn||MAIL FROM:<a@example.org> ENVID=x|ENVID",
        "dsn|MAIL FROM:<a@example.org>|RCPT TO:<b@example.net> NOTIFY=FAILURE|NOTIFY",
        "dsn|MAIL FROM:<a@example.org>|RCPT TO:<b@example.net> ORCPT=rfc822;b@example.net|ORCPT",
        "|MAIL FROM:<a@example.org>|RCPT TO:<b@example.net> XFOO=1|XFOO"})
    void parameterOfASwitchedOffExtensionIs555(String disabled, String setup, String command, String keyword) {
        String[] off = disabled == null ? new String[0] : disabled.split(" ");
        try (SmtpTestServer server = ExtensionTesting.serverWithout(off); SmtpTestClient client = server.afterEhlo()) {
            if (setup != null) {
                client.command(setup);
            }
            assertThat(client.command(command).toString())
                    .isEqualTo("555 5.5.4 Parameter " + keyword + " not recognized or not implemented");
        }
        if (off.length > 0) {
            try (SmtpTestServer server = ExtensionTesting.serverWithout(); SmtpTestClient client = server.afterEhlo()) {
                if (setup != null) {
                    client.command(setup);
                }
                assertThat(client.command(command).code().value()).isEqualTo(250);
            }
        }
    }
}
