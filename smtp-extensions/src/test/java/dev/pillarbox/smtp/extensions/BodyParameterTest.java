package dev.pillarbox.smtp.extensions;

import static dev.pillarbox.smtp.extensions.ExtensionTesting.ehloKeywords;
import static dev.pillarbox.smtp.extensions.ExtensionTesting.serverWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 8BITMIME (RFC 6152) and BINARYMIME (RFC 3030 3): the BODY parameter and what each value allows. */
class BodyParameterTest {

    @Test
    void bothAreAdvertisedWhenOnAndAbsentWhenOff() {
        try (SmtpTestServer server = serverWithout()) {
            assertThat(ehloKeywords(server)).contains("8BITMIME", "BINARYMIME", "CHUNKING");
        }
        try (SmtpTestServer server = serverWithout("8bitmime", "binarymime")) {
            assertThat(ehloKeywords(server)).doesNotContain("8BITMIME", "BINARYMIME");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BODY=7BIT|250 2.1.0 Sender OK",
        "BODY=8BITMIME|250 2.1.0 Sender OK",
        "body=8bitmime|250 2.1.0 Sender OK",
        "BODY=BINARYMIME|250 2.1.0 Sender OK",
        "BODY=9BIT|501 5.5.4 Syntax error in BODY parameter: use one of 7BIT, 8BITMIME, BINARYMIME",
        "BODY|501 5.5.4 Syntax error in BODY parameter: use one of 7BIT, 8BITMIME, BINARYMIME"})
    void bodyValuesOfTheEnabledExtensions(String parameter, String expected) {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org> " + parameter).toString()).isEqualTo(expected);
        }
    }

    @Test
    void withOnlyOneExtensionOnlyItsValuesAreAccepted() {
        try (SmtpTestServer server = serverWithout("binarymime"); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org> BODY=BINARYMIME").toString())
                    .isEqualTo("501 5.5.4 Syntax error in BODY parameter: use one of 7BIT, 8BITMIME");
        }
        try (SmtpTestServer server = serverWithout("8bitmime"); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org> BODY=8BITMIME").toString())
                    .isEqualTo("501 5.5.4 Syntax error in BODY parameter: use one of BINARYMIME");
        }
    }

    @Test
    void bothOffLeaveBodyUnowned() {
        try (SmtpTestServer server = serverWithout("8bitmime", "binarymime"); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org> BODY=8BITMIME").toString())
                    .isEqualTo("555 5.5.4 Parameter BODY not recognized or not implemented");
        }
    }

    @Test
    void eightBitBodyIsStoredUnchanged() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org> BODY=8BITMIME");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data("Subject: caf\u00e9\r\n\r\nGr\u00fc\u00dfe\r\n").toString())
                    .isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages().get(0).body()).isEqualTo("Subject: caf\u00e9\r\n\r\nGr\u00fc\u00dfe\r\n");
        }
    }

    // RFC 3030 3: "If a DATA command is issued after a MAIL command containing the body-value of "BINARYMIME", a 503
    // "Bad sequence of commands" response MUST be sent."
    @Test
    void dataAfterBodyBinarymimeIs503AndBdatWorks() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org> BODY=BINARYMIME");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.command("DATA").toString())
                    .isEqualTo("503 5.5.1 Bad sequence of commands: BODY=BINARYMIME requires BDAT");
            byte[] binary = {0, 1, '\r', '.', '\n', (byte) 0xff, '\r', '\n', '.', '\r', '\n'};
            client.sendRaw(("BDAT " + binary.length + " LAST\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(client.sendRaw(binary).readReply().toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages().get(0).bodyBytes()).isEqualTo(binary);
        }
    }

    @Test
    void binarymimeWithoutChunkingFailsAtStartUp() {
        assertThatThrownBy(() -> serverWithout("chunking"))
                .hasMessageContaining("the binarymime plugin needs the chunking plugin (BDAT, RFC 3030 3):"
                        + " enable chunking or disable binarymime");
    }
}
