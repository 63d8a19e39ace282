package dev.pillarbox.smtp.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Byte-level tests of the PROXY protocol v1 and v2 decoder against HAProxy's proxy-protocol.txt. */
class ProxyHeaderDecoderTest {

    private static final byte[] SIGNATURE = ProxyHeaderDecoder.V2_SIGNATURE;

    static Stream<Arguments> validHeaders() throws Exception {
        return Stream.of(
                Arguments.of("v1 TCP4", ascii("PROXY TCP4 192.0.2.1 198.51.100.2 56324 25\r\n"),
                        ProxyHeader.proxied(1, address("192.0.2.1", 56324), address("198.51.100.2", 25))),
                Arguments.of("v1 TCP6", ascii("PROXY TCP6 2001:db8::1 2001:db8::2 4000 587\r\n"),
                        ProxyHeader.proxied(1, address("2001:db8::1", 4000), address("2001:db8::2", 587))),
                Arguments.of("v1 UNKNOWN", ascii("PROXY UNKNOWN\r\n"), ProxyHeader.withoutAddresses(1)),
                Arguments.of("v1 UNKNOWN with addresses", ascii("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n"),
                        ProxyHeader.withoutAddresses(1)),
                Arguments.of("v1 longest", ascii("PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff "
                        + "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n"),
                        ProxyHeader.proxied(1, address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535),
                                address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535))),
                Arguments.of("v2 PROXY TCP4", v2(0x21, 0x11, bytes(192, 0, 2, 1, 198, 51, 100, 2, 0xDC, 0x04, 0, 25)),
                        ProxyHeader.proxied(2, address("192.0.2.1", 56324), address("198.51.100.2", 25))),
                Arguments.of("v2 PROXY TCP6", v2(0x21, 0x21, concat(ipv6("2001:db8::1"), ipv6("2001:db8::2"),
                        bytes(0x0F, 0xA0, 0x02, 0x4B))),
                        ProxyHeader.proxied(2, address("2001:db8::1", 4000), address("2001:db8::2", 587))),
                Arguments.of("v2 TCP4 with TLVs skipped", v2(0x21, 0x11, concat(
                        bytes(10, 0, 0, 7, 10, 0, 0, 1, 0x30, 0x39, 0, 25),
                        bytes(0x04, 0x00, 0x04, 'n', 'o', 'o', 'p', 0x02, 0x00, 0x03, 'm', 'x', '1'))),
                        ProxyHeader.proxied(2, address("10.0.0.7", 12345), address("10.0.0.1", 25))),
                Arguments.of("v2 LOCAL (health check)", v2(0x20, 0x00, new byte[0]), ProxyHeader.withoutAddresses(2)),
                Arguments.of("v2 LOCAL ignores addresses",
                        v2(0x20, 0x11, bytes(1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 0, 2)), ProxyHeader.withoutAddresses(2)),
                Arguments.of("v2 PROXY UNSPEC", v2(0x21, 0x00, new byte[0]), ProxyHeader.withoutAddresses(2)),
                Arguments.of("v2 PROXY UNIX stream", v2(0x21, 0x31, new byte[216]), ProxyHeader.withoutAddresses(2)),
                Arguments.of("v2 PROXY UDP4", v2(0x21, 0x12, bytes(1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 0, 2)),
                        ProxyHeader.withoutAddresses(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validHeaders")
    void decodesValidHeaders(String name, byte[] header, ProxyHeader expected) throws Exception {
        assertThat(ProxyHeaderDecoder.decode(header)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validHeaders")
    void neverReadsPastTheHeader(String name, byte[] header, ProxyHeader expected) throws Exception {
        byte[] smtp = ascii("EHLO client.example\r\n");
        ByteArrayInputStream in = new ByteArrayInputStream(concat(header, smtp));
        ProxyHeaderDecoder decoder = new ProxyHeaderDecoder();
        ProxyHeader result = null;
        while (result == null) {
            byte[] chunk = in.readNBytes(decoder.bytesWanted());
            result = decoder.feed(chunk, 0, chunk.length);
        }
        assertThat(result).isEqualTo(expected);
        assertThat(decoder.bytesWanted()).isZero();
        assertThat(in.readAllBytes()).isEqualTo(smtp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validHeaders")
    void decodesOneByteAtATime(String name, byte[] header, ProxyHeader expected) throws Exception {
        ProxyHeaderDecoder decoder = new ProxyHeaderDecoder();
        ProxyHeader result = null;
        for (int i = 0; i < header.length; i++) {
            assertThat(result).isNull();
            result = decoder.feed(header, i, 1);
        }
        assertThat(result).isEqualTo(expected);
    }

    static Stream<Arguments> invalidHeaders() {
        return Stream.of(
                Arguments.of("HTTP request", ascii("GET / HTTP/1.1\r\n"),
                        "not a PROXY protocol header: starts with 474554202f204854"),
                Arguments.of("plain SMTP client", ascii("EHLO x\r\n"),
                        "not a PROXY protocol header: starts with 45484c4f20780d0a"),
                Arguments.of("lower-case proxy", ascii("proxy TCP4 1.2.3.4 5.6.7.8 1 2\r\n"),
                        "not a PROXY protocol header: starts with 70726f7879205443"),
                Arguments.of("v1 bare LF", ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n"),
                        "PROXY v1 header ends with a bare LF"),
                Arguments.of("v1 CR without LF", ascii("PROXY TCP4\r 1.2.3.4 5.6.7.8 1 2\r\n"),
                        "PROXY v1 header has an invalid byte 20 at offset 11"),
                Arguments.of("v1 NUL byte", ascii("PROXY TCP4 1.2.3.4\0 5.6.7.8 1 2\r\n"),
                        "PROXY v1 header has an invalid byte 00 at offset 18"),
                Arguments.of("v1 8-bit byte", concat(ascii("PROXY TCP4 "), bytes(0xC3)),
                        "PROXY v1 header has an invalid byte c3 at offset 11"),
                Arguments.of("v1 unknown protocol", ascii("PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n"),
                        "PROXY v1 protocol must be TCP4, TCP6 or UNKNOWN, not \"UDP4\""),
                Arguments.of("v1 missing port", ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n"),
                        "PROXY v1 TCP4 header needs 6 fields separated by single spaces, found 5"),
                Arguments.of("v1 double space", ascii("PROXY TCP4 1.2.3.4  5.6.7.8 1 2\r\n"),
                        "PROXY v1 TCP4 header needs 6 fields separated by single spaces, found 7"),
                Arguments.of("v1 octet over 255", ascii("PROXY TCP4 1.2.3.256 5.6.7.8 1 2\r\n"),
                        "PROXY v1 TCP4 address \"1.2.3.256\" is not valid"),
                Arguments.of("v1 host name instead of address", ascii("PROXY TCP4 example.org 5.6.7.8 1 2\r\n"),
                        "PROXY v1 TCP4 address \"example.org\" is not valid"),
                Arguments.of("v1 IPv4 under TCP6", ascii("PROXY TCP6 1.2.3.4 ::1 1 2\r\n"),
                        "PROXY v1 TCP6 address \"1.2.3.4\" is not valid"),
                Arguments.of("v1 malformed IPv6", ascii("PROXY TCP6 1:::2 ::1 1 2\r\n"),
                        "PROXY v1 TCP6 address \"1:::2\" is not valid"),
                Arguments.of("v1 port over 65535", ascii("PROXY TCP4 1.2.3.4 5.6.7.8 65536 25\r\n"),
                        "PROXY v1 port \"65536\" is not in 0..65535"),
                Arguments.of("v1 negative port", ascii("PROXY TCP4 1.2.3.4 5.6.7.8 -1 25\r\n"),
                        "PROXY v1 port \"-1\" is not in 0..65535"),
                Arguments.of("v1 without CRLF within 107 bytes", ascii("PROXY UNKNOWN " + "x".repeat(100)),
                        "PROXY v1 header has no CRLF within 107 bytes"),
                Arguments.of("v2 broken signature", concat(copyOf(SIGNATURE, 11), ascii("X"), bytes(0x21, 0x11, 0, 0)),
                        "not a PROXY protocol header: starts with 0d0a0d0a000d0a5155495458"),
                Arguments.of("v1 control byte in the prefix", ascii("PROXY \tTCP4 1.2.3.4 5.6.7.8 1 2\r\n"),
                        "PROXY v1 header has an invalid byte 09 at offset 6"),
                Arguments.of("v2 version 1", v2(0x11, 0x11, new byte[12]), "PROXY v2 header has version 1, not 2"),
                Arguments.of("v2 version 3", v2(0x31, 0x11, new byte[12]), "PROXY v2 header has version 3, not 2"),
                Arguments.of("v2 command 2", v2(0x22, 0x11, new byte[12]),
                        "PROXY v2 command must be LOCAL (0) or PROXY (1), not 2"),
                Arguments.of("v2 family 4", v2(0x21, 0x41, new byte[12]),
                        "PROXY v2 address family/transport 41 is not defined"),
                Arguments.of("v2 transport 3", v2(0x21, 0x13, new byte[12]),
                        "PROXY v2 address family/transport 13 is not defined"),
                Arguments.of("v2 TCP4 too short", v2(0x21, 0x11, new byte[8]),
                        "PROXY v2 length 8 is too short for TCP over IPv4 (needs 12)"),
                Arguments.of("v2 TCP6 too short", v2(0x21, 0x21, new byte[12]),
                        "PROXY v2 length 12 is too short for TCP over IPv6 (needs 36)"),
                Arguments.of("incomplete v1", ascii("PROXY TCP4"), "incomplete PROXY header: 10 bytes, 1 more needed"),
                Arguments.of("incomplete v2", copyOf(v2(0x21, 0x11, new byte[12]), 20),
                        "incomplete PROXY header: 20 bytes, 8 more needed"),
                Arguments.of("bytes after the header", ascii("PROXY UNKNOWN\r\nQUIT"), "4 bytes after the PROXY header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidHeaders")
    void rejectsInvalidHeadersWithAMessage(String name, byte[] header, String message) {
        assertThatThrownBy(() -> ProxyHeaderDecoder.decode(header))
                .isInstanceOf(ProxyHeaderException.class).hasMessage(message);
    }

    @Test
    void anInvalidPrefixIsRejectedAfterEightBytesWithoutWaitingForMore() throws Exception {
        ProxyHeaderDecoder decoder = new ProxyHeaderDecoder();
        assertThat(decoder.bytesWanted()).isEqualTo(8);
        byte[] smtp = ascii("EHLO x\r\n");
        assertThatThrownBy(() -> decoder.feed(smtp, 0, 8)).isInstanceOf(ProxyHeaderException.class);
    }

    @Test
    void feedingMoreThanWantedIsAProgrammingError() {
        ProxyHeaderDecoder decoder = new ProxyHeaderDecoder();
        assertThatThrownBy(() -> decoder.feed(new byte[9], 0, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fed 9 bytes, wanted 1..8");
    }

    @Test
    void v2WantsExactlyTheLengthItStates() throws Exception {
        byte[] header = v2(0x21, 0x11, new byte[300]);
        ProxyHeaderDecoder decoder = new ProxyHeaderDecoder();
        assertThat(decoder.feed(header, 0, 8)).isNull();
        assertThat(decoder.bytesWanted()).isEqualTo(8);
        assertThat(decoder.feed(header, 8, 8)).isNull();
        assertThat(decoder.bytesWanted()).isEqualTo(300);
    }

    @Test
    void headerDescribesItselfWithoutSecrets() throws Exception {
        assertThat(ProxyHeader.proxied(2, address("2001:db8::1", 4000), address("192.0.2.1", 25)))
                .hasToString("PROXY v2 [2001:db8:0:0:0:0:0:1]:4000 -> 192.0.2.1:25");
        assertThat(ProxyHeader.withoutAddresses(1)).hasToString("PROXY v1 (no addresses)");
    }

    static byte[] v2(int versionCommand, int family, byte[] body) {
        return ProxyV2Headers.header(versionCommand, family, body);
    }

    private static byte[] ipv6(String text) throws Exception {
        return InetAddress.getByName(text).getAddress();
    }

    private static InetSocketAddress address(String host, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] copyOf(byte[] bytes, int length) {
        return java.util.Arrays.copyOf(bytes, length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
