package dev.pillarbox.smtp.plugins.examples.headercheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderCheckPluginTest {

    private static final String DATE = "Date: Thu, 1 Jan 2026 00:00:00 +0000\r\n";
    private static final String FROM = "From: alice@example.org\r\n";

    private static SmtpTestServer start(Map<String, ?> settings) {
        return SmtpTestServer.start(new HeaderCheckPlugin().module(PluginSettings.of("header-check", settings)));
    }

    private static String send(SmtpTestServer server, String message) {
        try (SmtpTestClient client = server.inTransaction()) {
            return client.data(message).toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no Date           | From: a@example.org\\r\\nSubject: hi\\r\\n\\r\\nbody"
            + "| 550 5.6.0 Message must have a Date: header (RFC 5322 3.6)",
        "no From           | Date: x\\r\\n\\r\\nbody"
            + "| 550 5.6.0 Message must have a From: header (RFC 5322 3.6)",
        "no headers at all | \\r\\nbody"
            + "| 550 5.6.0 Message must have a From: header (RFC 5322 3.6)",
        "two From          | From: a@example.org\\r\\nDate: x\\r\\nfrom: b@example.org\\r\\n\\r\\nbody"
            + "| 550 5.6.0 Message must have only one From: header, it has 2 (RFC 5322 3.6)",
        "two Date          | From: a@example.org\\r\\nDate: x\\r\\nDATE: y\\r\\n\\r\\nbody"
            + "| 550 5.6.0 Message must have only one Date: header, it has 2 (RFC 5322 3.6)",
        "a line that is no field | From: a@example.org\\r\\nDate: x\\r\\nHello there\\r\\n\\r\\nbody"
            + "| 550 5.6.0 Message header line 3 is not a header field (RFC 5322 2.2)",
        "a field with an empty name | From: a@example.org\\r\\n: x\\r\\n\\r\\nbody"
            + "| 550 5.6.0 Message header line 2 is not a header field (RFC 5322 2.2)",
        "From only in the body | Date: x\\r\\n\\r\\nFrom: a@example.org\\r\\n"
            + "| 550 5.6.0 Message must have a From: header (RFC 5322 3.6)",
    })
    void badHeaderSectionIsRefusedWithAClearReason(String what, String message, String reply) {
        try (SmtpTestServer server = start(Map.of())) {
            assertThat(send(server, message.replace("\\r\\n", "\r\n").replace("\\t", "\t"))).isEqualTo(reply);
            assertThat(server.store().messages()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain            | From: a@example.org\\r\\nDate: x\\r\\n\\r\\nbody",
        "other case       | FROM: a@example.org\\r\\ndate: x\\r\\n\\r\\nbody",
        "folded fields    | From: Alice\\r\\n <a@example.org>\\r\\nDate: Thu,\\r\\n\\t1 Jan 2026\\r\\n\\r\\nbody",
        "no body          | From: a@example.org\\r\\nDate: x\\r\\n",
        "many other fields | Received: x\\r\\nReceived: y\\r\\nFrom: a@example.org\\r\\nTo: b@example.net\\r\\nDate: x\\r\\n\\r\\n",
    })
    void messageWithOneFromAndOneDateIsAccepted(String what, String message) {
        try (SmtpTestServer server = start(Map.of())) {
            assertThat(send(server, message.replace("\\r\\n", "\r\n").replace("\\t", "\t")))
                    .isEqualTo("250 2.0.0 OK: queued as m1");
        }
    }

    @Test
    void serversOwnReceivedHeaderComesFirstAndIsJustAnotherField() {
        try (SmtpTestServer server = start(Map.of())) {
            send(server, FROM + DATE + "\r\nbody\r\n");
            assertThat(server.store().messages().get(0).contentAsString()).startsWith("Received: ");
        }
    }

    @Test
    void headerSectionOverTheCapIsRefused() {
        try (SmtpTestServer server = start(Map.of("max-header-bytes", "2k"))) {
            String big = "X-Filler: " + "a".repeat(3000) + "\r\n";
            assertThat(send(server, FROM + DATE + big + "\r\nbody\r\n"))
                    .isEqualTo("550 5.6.0 Message header section is larger than 2048 octets");
        }
    }

    @Test
    void largeBodyIsNotACapProblem() {
        try (SmtpTestServer server = start(Map.of("max-header-bytes", "2k"))) {
            String body = ("x".repeat(70) + "\r\n").repeat(1000);
            assertThat(send(server, FROM + DATE + "\r\n" + body)).startsWith("250 ");
        }
    }

    @Test
    void requiredFieldsAreASetting() {
        try (SmtpTestServer server = start(Map.of("required", "From, Date, Message-ID"))) {
            assertThat(send(server, FROM + DATE + "\r\nbody\r\n"))
                    .isEqualTo("550 5.6.0 Message must have a Message-ID: header (RFC 5322 3.6)");
            assertThat(send(server, FROM + DATE + "Message-ID: <1@example.org>\r\n\r\nbody\r\n")).startsWith("250 ");
        }
    }

    @Test
    void requiredNameThatIsNoFieldNameIsRefusedWithTheKey() {
        assertThatThrownBy(() -> HeaderCheckSettings.from(PluginSettings.of("header-check",
                Map.of("required", "From:"))))
                .hasMessage("plugins.header-check.required: \"From:\" is not a header field name"
                        + " (RFC 5322 2.2: printable ASCII except colon)");
    }
}
