package dev.pillarbox.smtp.extensions;

import static dev.pillarbox.smtp.extensions.ExtensionTesting.ehloKeywords;
import static dev.pillarbox.smtp.extensions.ExtensionTesting.serverWithout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import org.junit.jupiter.api.Test;

/** SMTPUTF8 (RFC 6531): UTF-8 paths only in a transaction whose MAIL FROM carries SMTPUTF8. */
class SmtpUtf8ExtensionTest {

    private static final String NON_ASCII = "553 5.6.7 Non-ASCII address requires the SMTPUTF8 parameter";

    @Test
    void advertisedWhenOnAndAbsentWhenOff() {
        try (SmtpTestServer server = serverWithout()) {
            assertThat(ehloKeywords(server)).contains("SMTPUTF8");
        }
        try (SmtpTestServer server = serverWithout("smtputf8")) {
            assertThat(ehloKeywords(server)).doesNotContain("SMTPUTF8");
        }
    }

    @Test
    void utf8PathsAreAcceptedInAnSmtpUtf8Transaction() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<j\u00f6rg@b\u00fccher.example> SMTPUTF8").toString())
                    .isEqualTo("250 2.1.0 Sender OK");
            assertThat(client.command("RCPT TO:<\u03b4\u03bf\u03ba\u03b9\u03bc\u03ae@\u03c0\u03b1\u03c1\u03ac"
                    + "\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1.example>").toString()).isEqualTo("250 2.1.5 Recipient OK");
            assertThat(client.data("Subject: gr\u00fc\u00dfe\r\n\r\nhi\r\n").toString())
                    .isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages().get(0).envelope().reversePath().orElseThrow())
                    .hasToString("<j\u00f6rg@b\u00fccher.example>");
        }
    }

    // RFC 6531 3.7.4.1: without SMTPUTF8 on MAIL FROM, a non-ASCII path is refused with 553 5.6.7
    @Test
    void utf8PathWithoutTheParameterIs553() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<j\u00f6rg@example.org>").toString()).isEqualTo(NON_ASCII);
            assertThat(client.command("MAIL FROM:<a@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
            assertThat(client.command("RCPT TO:<j\u00f6rg@example.org>").toString()).isEqualTo(NON_ASCII);
        }
    }

    @Test
    void smtpUtf8TakesNoValue() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org> SMTPUTF8=yes").toString())
                    .isEqualTo("501 5.5.4 Syntax error in SMTPUTF8 parameter: it takes no value");
        }
    }

    @Test
    void switchedOffTheParameterIsUnownedAndUtf8IsRefused() {
        try (SmtpTestServer server = serverWithout("smtputf8"); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org> SMTPUTF8").toString())
                    .isEqualTo("555 5.5.4 Parameter SMTPUTF8 not recognized or not implemented");
            assertThat(client.command("MAIL FROM:<j\u00f6rg@example.org> SMTPUTF8").toString()).isEqualTo(NON_ASCII);
        }
    }
}
