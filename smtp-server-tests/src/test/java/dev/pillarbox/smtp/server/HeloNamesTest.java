package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.codec.CodecLimits;
import dev.pillarbox.smtp.extensions.lmtp.LmtpModule;
import dev.pillarbox.smtp.extensions.smtputf8.SmtpUtf8Module;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.spi.HeloNamePolicy;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's name in HELO, EHLO and LHLO on the wire: a domain or an address literal (RFC 5321 4.1.1.1), else
 * {@code 501 5.5.4} and the session goes on ungreeted; under {@code helo-names: any} anything is accepted and the
 * {@code Received:} header carries it only inside a comment.
 */
class HeloNamesTest {

    private static final String NAME_REQUIRED = "; a domain name or address literal is required";

    // the attacks of issue 15: a name that writes "by fake" into Received, spaces, a separator, a 600-octet label
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            HELO | x(evil) by fake | unexpected character '(' after the domain at position 1
            EHLO | x(evil) by fake | unexpected character '(' after the domain at position 1
            EHLO | a b c           | unexpected character ' ' after the domain at position 1
            HELO | a;b             | unexpected character ';' after the domain at position 1
            EHLO | a;b             | unexpected character ';' after the domain at position 1
            EHLO | client.example. | domain ends with '.' at position 14
            EHLO | [1.2.3]         | invalid IPv4 address literal, expected four numbers 0-255 separated by '.' at position 1
            """)
    void aNameThatIsNeitherDomainNorAddressLiteralIs501AndTheSessionGoesOn(String verb, String name, String reason) {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.greeted()) {
            assertThat(client.command(verb + " " + name).toString())
                    .isEqualTo("501 5.5.4 Syntax error: " + reason + NAME_REQUIRED);
            assertThat(client.command("MAIL FROM:<a@example.org>").toString())
                    .isEqualTo("503 5.5.1 Bad sequence of commands");
            assertThat(client.command(verb + " client.example").code().value()).isEqualTo(250);
            assertThat(client.command("MAIL FROM:<a@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELO", "EHLO"})
    void aSixHundredOctetLabelIs501(String verb) {
        // a line the command-line limit lets through, as extensions' allowances raised it in issue 15
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.codecLimits(CodecLimits.defaults().withCommandLine(1024))).start();
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command(verb + " " + "a".repeat(600)).toString()).isEqualTo("501 5.5.4 Syntax error:"
                    + " domain label is 600 octets, more than 63 (RFC 1035 2.3.4) at position 0" + NAME_REQUIRED);
        }
    }

    @Test
    void lhloChecksItsNameAsEhloDoes() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.listeners(
                List.of(ListenerSettings.loopback().withProtocol(Protocol.LMTP)))).modules(new LmtpModule()).start();
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command("LHLO x(evil) by fake").toString()).isEqualTo("501 5.5.4 Syntax error:"
                    + " unexpected character '(' after the domain at position 1" + NAME_REQUIRED);
            assertThat(client.command("LHLO [192.0.2.1]").code().value()).isEqualTo(250);
        }
    }

    @Test
    void addressLiteralsAreNames() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.greeted()) {
            assertThat(client.command("EHLO [IPv6:2001:db8::1]").code().value()).isEqualTo(250);
            assertThat(client.command("HELO [192.0.2.1]").toString()).isEqualTo("250 mx.test.example");
        }
    }

    @Test
    void aULabelNameNeedsSmtpUtf8OnOffer() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.greeted()) {
            assertThat(client.command("EHLO b\u00fccher.example").toString()).isEqualTo("501 5.5.4 Syntax error:"
                    + " non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 1" + NAME_REQUIRED);
        }
        try (SmtpTestServer server = SmtpTestServer.start(new SmtpUtf8Module());
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command("EHLO b\u00fccher.example").code().value()).isEqualTo(250);
            // HELO asks for no extensions, so SMTPUTF8 is not on offer to it
            assertThat(client.command("HELO b\u00fccher.example").code().value()).isEqualTo(501);
        }
    }

    @Test
    void legacyNamesAreAcceptedUnderAnyAndQuotedAsACommentInReceived() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.heloNames(HeloNamePolicy.ANY))
                .start(); SmtpTestClient client = server.greeted()) {
            assertThat(client.command("EHLO x(evil) by fake").code().value()).isEqualTo(250);
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data("Subject: legacy\r\n\r\nhi\r\n").code().value()).isEqualTo(250);
            assertThat(received(server, 0)).isEqualTo("Received: from [127.0.0.1] (helo=x\\(evil\\)\\ by\\ fake)\r\n"
                    + "\tby mx.test.example with ESMTP id ID\r\n\tfor <b@example.net>; DATE\r\n");
            assertThat(client.command("EHLO ").toString())
                    .isEqualTo("501 5.5.4 Syntax error: a domain name or address literal is required");
        }
    }

    @Test
    void aNameIsSyntaxInReceivedAndAULabelNameIsUtf8OnlyInAnSmtpUtf8Transaction() {
        try (SmtpTestServer server = SmtpTestServer.start(new SmtpUtf8Module());
             SmtpTestClient client = server.greeted()) {
            client.command("EHLO b\u00fccher.example");
            client.command("MAIL FROM:<a@example.org> SMTPUTF8");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data("Subject: one\r\n\r\nhi\r\n").code().value()).isEqualTo(250);
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data("Subject: two\r\n\r\nhi\r\n").code().value()).isEqualTo(250);
            assertThat(received(server, 0)).startsWith(
                    "Received: from b\u00fccher.example ([127.0.0.1])\r\n\tby mx.test.example with UTF8SMTP id ID");
            assertThat(received(server, 1)).startsWith(
                    "Received: from xn--bcher-kva.example ([127.0.0.1])\r\n\tby mx.test.example with ESMTP id ID");
        }
    }

    @Test
    void anLmtpTransactionWithSmtpUtf8IsUtf8Lmtp() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.listeners(
                List.of(ListenerSettings.loopback().withProtocol(Protocol.LMTP))))
                .modules(new LmtpModule(), new SmtpUtf8Module()).start();
             SmtpTestClient client = server.greeted()) {
            client.command("LHLO client.example");
            client.command("MAIL FROM:<j\u00f6rg@example.org> SMTPUTF8");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data("Subject: lmtp\r\n\r\nhi\r\n").code().value()).isEqualTo(250);
            assertThat(received(server, 0)).startsWith(
                    "Received: from client.example ([127.0.0.1])\r\n\tby mx.test.example with UTF8LMTP id ID");
        }
    }

    /** The Received header of stored message {@code i}, with its queue id and date replaced by ID and DATE. */
    private static String received(SmtpTestServer server, int i) {
        String header = server.store().messages().get(i).receivedHeader();
        return header.replaceFirst(" id [^\\s;]+", " id ID").replaceFirst("; [^\\r]+\\r\\n$", "; DATE\r\n");
    }
}
