package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.Recipient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The trace header of RFC 5321 4.4 with RFC 3848 protocol names. */
class ReceivedHeaderTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2025, 6, 3, 10, 0, 0, 0, ZoneOffset.ofHours(2));

    @Test
    void headerForOneRecipientNamesIt() throws Exception {
        ServerSession session = session(Protocol.SMTP, "127.0.0.1");
        session.greet("client.example", true);
        session.envelope(Envelope.of(ReversePath.parse("<a@example.org>"), EsmtpParameters.empty())
                .withRecipient(new Recipient(ForwardPath.parse("<bob@example.net>"), EsmtpParameters.empty())));
        assertThat(new String(ReceivedHeader.of(session, "abc.1", NOW), StandardCharsets.UTF_8)).isEqualTo(
                "Received: from client.example ([127.0.0.1])\r\n\tby mx.example with ESMTP id abc.1\r\n"
                        + "\tfor <bob@example.net>; Tue, 3 Jun 2025 10:00:00 +0200\r\n");
    }

    @ParameterizedTest
    @CsvSource({"SMTP, false, false, false, false, SMTP", "SMTP, true, false, false, false, ESMTP",
            "SMTP, true, true, false, false, ESMTPS", "SMTP, true, false, true, false, ESMTPA",
            "SMTP, true, true, true, false, ESMTPSA", "LMTP, true, false, false, false, LMTP",
            "LMTP, true, true, true, false, LMTPSA",
            // RFC 6531 3.7.3: a transaction with SMTPUTF8 on MAIL FROM
            "SMTP, true, false, false, true, UTF8SMTP", "SMTP, true, false, true, true, UTF8SMTPA",
            "SMTP, true, true, false, true, UTF8SMTPS", "SMTP, true, true, true, true, UTF8SMTPSA",
            "LMTP, true, false, false, true, UTF8LMTP", "LMTP, true, false, true, true, UTF8LMTPA",
            "LMTP, true, true, false, true, UTF8LMTPS", "LMTP, true, true, true, true, UTF8LMTPSA"})
    void protocolFollowsRfc3848AndRfc6531(Protocol protocol, boolean extended, boolean tls, boolean auth,
            boolean smtpUtf8, String expected) throws Exception {
        ServerSession session = session(protocol, "192.0.2.1");
        session.greet("c.example", extended);
        if (auth) {
            session.authenticated("alice");
        }
        session.envelope(Envelope.of(ReversePath.parse("<a@example.org>"),
                smtpUtf8 ? EsmtpParameters.parse("SMTPUTF8") : EsmtpParameters.parse("BODY=8BITMIME")));
        String actual = ReceivedHeader.protocol(tls ? new TlsView(session) : session);
        assertThat(actual).isEqualTo(expected);
    }

    // the text block turns \\ into one backslash and \t into a tab
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            client.example      | false | client.example ([192.0.2.1])
            [IPv6:2001:db8::1]  | false | [IPv6:2001:db8::1] ([192.0.2.1])
            b\u00fccher.example       | true  | b\u00fccher.example ([192.0.2.1])
            b\u00fccher.example       | false | xn--bcher-kva.example ([192.0.2.1])
            x(evil) by fake     | false | [192.0.2.1] (helo=x\\(evil\\)\\ by\\ fake)
            a\\b;c\tb\u00fccher      | false | [192.0.2.1] (helo=a\\\\b;c\\\tb?cher)
            a\\b;c\tb\u00fccher      | true  | [192.0.2.1] (helo=a\\\\b;c\\\tb\u00fccher)
            """)
    void fromClauseHasTheNameAsSyntaxOnlyWhenItIsOne(String helo, boolean utf8, String expected) {
        StringBuilder sb = new StringBuilder();
        ReceivedHeader.from(sb, helo, "[192.0.2.1]", utf8);
        assertThat(sb.toString()).isEqualTo(expected);
    }

    @Test
    void aLongLegacyNameIsCutInTheComment() {
        StringBuilder sb = new StringBuilder();
        ReceivedHeader.from(sb, "a b".repeat(200), "[192.0.2.1]", false);
        String comment = sb.substring("[192.0.2.1] (helo=".length(), sb.length() - 1);
        assertThat(comment.replace("\\ ", " ")).isEqualTo(("a b".repeat(200)).substring(0, 255) + "...");
    }

    @Test
    void ipv6ClientIsWrittenAsIpv6Literal() throws Exception {
        assertThat(ReceivedHeader.addressLiteral(InetAddress.getByName("2001:db8::1")))
                .isEqualTo("[IPv6:2001:db8:0:0:0:0:0:1]");
        assertThat(ReceivedHeader.addressLiteral(InetAddress.getByName("192.0.2.7"))).isEqualTo("[192.0.2.7]");
    }

    private static ServerSession session(Protocol protocol, String ip) throws Exception {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(ip), 40000);
        return new ServerSession("abc", remote, new InetSocketAddress(InetAddress.getLoopbackAddress(), 25),
                new ListenerSettings("test", InetAddress.getLoopbackAddress(), 25, protocol), "mx.example");
    }

    /** The session as seen with TLS on (a real SSLSession needs a handshake). */
    private static final class TlsView extends ForwardingSessionView {
        TlsView(ServerSession session) {
            super(session);
        }

        @Override
        public boolean isTls() {
            return true;
        }
    }
}
