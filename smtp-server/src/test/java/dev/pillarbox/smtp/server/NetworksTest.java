package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CIDR networks (RFC 4632, RFC 4291 2.3) and the sets of them that trust settings are made of. */
class NetworksTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "192.0.2.0/24|192.0.2.0/24",
        "127.0.0.1|127.0.0.1/32",
        "0.0.0.0/0|0.0.0.0/0",
        " 10.0.0.0/8 |10.0.0.0/8",
        "::1|::1/128",
        "[::1]/128|::1/128",
        "2001:DB8::/32|2001:db8::/32",
        "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1/128",
        "fe80::/10|fe80::/10",
        "::/0|::/0",
        "::ffff:192.0.2.1|192.0.2.1/32", // an IPv4-mapped address is the IPv4 address, as socket peers are
    })
    void parsesCidrNotationAndPrintsItCanonically(String text, String printed) {
        assertThat(IpNetwork.parse(text)).hasToString(printed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "localhost|\"localhost\" is not an IP address or network (e.g. 192.0.2.0/24, 2001:db8::/32, ::1)",
        "mx.example.org/24|\"mx.example.org/24\" is not an IP address or network (e.g. 192.0.2.0/24, 2001:db8::/32, ::1)",
        "192.0.2|\"192.0.2\" is not an IP address or network (e.g. 192.0.2.0/24, 2001:db8::/32, ::1)",
        "192.0.2.256|\"192.0.2.256\" is not an IPv4 address (256 > 255)",
        "192.0.2.0/|\"192.0.2.0/\" has no prefix length after '/' (e.g. /24)",
        "192.0.2.0/x|\"192.0.2.0/x\" has no prefix length after '/' (e.g. /24)",
        "192.0.2.0/33|\"192.0.2.0/33\": prefix length /33 is not within 0..32 for 192.0.2.0",
        "::1/129|\"::1/129\": prefix length /129 is not within 0..128 for ::1",
        "192.0.2.1/24|\"192.0.2.1/24\": 192.0.2.1/24 has host bits set: the network is 192.0.2.0/24",
        "2001:db8::1/32|\"2001:db8::1/32\": 2001:db8::1/32 has host bits set: the network is 2001:db8::/32",
        "1:2:3|\"1:2:3\" is not an IPv6 address",
        ".1::2|\".1::2\" is not an IP address or network (e.g. 192.0.2.0/24, 2001:db8::/32, ::1)",
    })
    void rejectsWhatIsNotANetworkWithTheReason(String text, String message) {
        assertThatThrownBy(() -> IpNetwork.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "192.0.2.0/24|192.0.2.0|true",
        "192.0.2.0/24|192.0.2.255|true",
        "192.0.2.0/24|192.0.3.0|false",
        "192.0.2.0/23|192.0.3.77|true",
        "192.0.2.128/25|192.0.2.127|false",
        "192.0.2.128/25|192.0.2.200|true",
        "10.0.0.0/8|10.255.255.255|true",
        "10.0.0.0/8|11.0.0.0|false",
        "0.0.0.0/0|203.0.113.9|true",
        "0.0.0.0/0|::1|false", // families never mix
        "::/0|127.0.0.1|false",
        "127.0.0.1|127.0.0.1|true",
        "127.0.0.1|127.0.0.2|false",
        "::1|::1|true",
        "::1|::2|false",
        "2001:db8::/32|2001:db8:ffff::1|true",
        "2001:db8::/32|2001:db9::1|false",
        "fe80::/10|febf::1|true",
        "fe80::/10|fec0::1|false",
    })
    void containsTheAddressesOfItsPrefix(String network, String address, boolean contained)
            throws UnknownHostException {
        assertThat(IpNetwork.parse(network).contains(InetAddress.getByName(address))).isEqualTo(contained);
    }

    @Test
    void loopbackIsBothLoopbackNetworksAndNothingElse() throws UnknownHostException {
        assertThat(Networks.LOOPBACK).hasToString("127.0.0.0/8, ::1/128");
        assertThat(Networks.LOOPBACK.contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(Networks.LOOPBACK.contains(InetAddress.getByName("127.1.2.3"))).isTrue();
        assertThat(Networks.LOOPBACK.contains(InetAddress.getByName("::1"))).isTrue();
        assertThat(Networks.LOOPBACK.contains(InetAddress.getByName("192.0.2.1"))).isFalse();
        assertThat(Networks.LOOPBACK.contains(InetAddress.getByName("::2"))).isFalse();
        assertThat(Networks.NONE.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(Networks.NONE).hasToString("none");
    }

    @Test
    void aSetNamesTheFirstEntryThatIsNotANetwork() {
        assertThat(Networks.of("10.0.0.0/8", "2001:db8::/32")).isEqualTo(Networks.of("10.0.0.0/8", "2001:db8::/32"));
        assertThatThrownBy(() -> Networks.of("10.0.0.0/8", "gateway.example", "::1"))
                .hasMessage("\"gateway.example\" is not an IP address or network (e.g. 192.0.2.0/24, 2001:db8::/32, ::1)");
    }
}
