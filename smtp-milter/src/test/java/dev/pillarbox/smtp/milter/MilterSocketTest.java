package dev.pillarbox.smtp.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Socket specifications as Postfix and Sendmail write them, and the SMFIC_CONNECT data. */
class MilterSocketTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "inet:127.0.0.1:11332, false",
            "inet:localhost:8891, false",
            "inet:8891@127.0.0.1, false",
            "inet:[::1]:11332, false",
            "inet6:8891@::1, false",
            "unix:/run/milter.sock, true",
            "local:/run/milter.sock, true",
    })
    void acceptsPostfixAndSendmailForms(String text, boolean unix) {
        MilterSocket socket = MilterSocket.parse(text);
        assertThat(socket.isUnix()).isEqualTo(unix);
        assertThat(socket.toString()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tcp:127.0.0.1:25          | unknown transport \"tcp\"",
            "inet:127.0.0.1            | expected inet:host:port or inet:port@host",
            "inet:127.0.0.1:0          | port 0 is outside 1-65535",
            "inet:127.0.0.1:70000      | port 70000 is outside 1-65535",
            "inet:127.0.0.1:smtp       | port \"smtp\" is not a number",
            "inet::11332               | no host",
            "inet:::1:11332            | write an IPv6 address in brackets, inet:[::1]:port, or as inet6:port@::1",
            "inet:[::1]11332           | expected inet:[address]:port",
            "127.0.0.1:11332           | unknown transport \"127.0.0.1\"",
            "unix:                     | expected transport:endpoint",
            "/run/milter.sock          | expected transport:endpoint",
    })
    void refusesOtherFormsNamingTheProblem(String text, String why) {
        assertThatThrownBy(() -> MilterSocket.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("milter socket \"" + text + "\": " + why
                        + " (forms: inet:host:port, inet:[ipv6]:port, inet:port@host, inet6:port@host, unix:/path)");
    }

    @Test
    void connectDataIsHostnameFamilyPortAddress() throws Exception {
        ConnectInfo info = ConnectInfo.of(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 0x1234),
                "client.example");
        assertThat(info.encode()).isEqualTo(("client.example\0" + "4" + "\u0012\u0034" + "192.0.2.7\0")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aClientWithoutNameIsItsAddressInBrackets() throws Exception {
        ConnectInfo info = ConnectInfo.of(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 25), null);
        assertThat(info.hostname()).isEqualTo("[2001:db8::1:0:0:1]");
        assertThat(info.family()).isEqualTo(ConnectInfo.Family.INET6);
        assertThat(info.address()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ConnectInfo.unknown("x").encode()).isEqualTo("x\0U".getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "::1, ::1",
            "::, ::",
            "2001:db8::, 2001:db8::",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "1:0:2:0:3:0:4:0, 1:0:2:0:3:0:4:0",
            "fe80:0:0:0:0:0:0:1, fe80::1",
            "2001:DB8:0:0:0:0:0:ABCD, 2001:db8::abcd",
    })
    void ipv6AddressesAreCompressedAsRfc5952Says(String address, String text) throws Exception {
        assertThat(ConnectInfo.addressText(InetAddress.getByName(address))).isEqualTo(text);
    }
}
