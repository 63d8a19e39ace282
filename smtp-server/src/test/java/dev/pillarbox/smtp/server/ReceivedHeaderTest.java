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
    @CsvSource({"SMTP, false, false, false, SMTP", "SMTP, true, false, false, ESMTP", "SMTP, true, true, false, ESMTPS",
            "SMTP, true, false, true, ESMTPA", "SMTP, true, true, true, ESMTPSA", "LMTP, true, false, false, LMTP",
            "LMTP, true, true, true, LMTPSA"})
    void protocolFollowsRfc3848(Protocol protocol, boolean extended, boolean tls, boolean auth, String expected)
            throws Exception {
        ServerSession session = session(protocol, "192.0.2.1");
        session.greet("c.example", extended);
        if (auth) {
            session.authenticated("alice");
        }
        String actual = ReceivedHeader.protocol(tls ? new TlsView(session) : session);
        assertThat(actual).isEqualTo(expected);
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
