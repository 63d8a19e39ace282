package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.pillarbox.smtp.core.AddressSyntaxException.Kind;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HELO/EHLO/LHLO argument (RFC 5321 4.1.1.1: Domain or address-literal; RFC 6531 3.3 U-labels with SMTPUTF8),
 * table-driven: what is a name and what it is, and what is not with the exact kind and reply.
 */
class HeloNameTest {

    private static final String LONGEST = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63),
            "d".repeat(63));

    static Stream<Arguments> names() {
        return Stream.of(
                // input, SMTPUTF8 offered, domain (or "" for an address literal)
                arguments("client.example", false, "client.example"),
                arguments("Client.EXAMPLE", false, "Client.EXAMPLE"),
                arguments("localhost", false, "localhost"),
                arguments("1.2.3.4", false, "1.2.3.4"),
                arguments("xn--bcher-kva.example", false, "xn--bcher-kva.example"),
                arguments(LONGEST, false, LONGEST),
                arguments("b\u00fccher.example", true, "b\u00fccher.example"),
                arguments("[192.0.2.1]", false, ""),
                arguments("[IPv6:2001:db8::1]", false, ""),
                arguments("[IPv6:::1]", false, ""));
    }

    @ParameterizedTest
    @MethodSource("names")
    void domainsAndAddressLiteralsAreNames(String input, boolean utf8, String domain) throws Exception {
        HeloName name = HeloName.parse(input, utf8);
        assertThat(name).hasToString(input);
        assertThat(name.domain().map(Domain::name).orElse("")).isEqualTo(domain);
        assertThat(name.addressLiteral().isPresent()).isEqualTo(domain.isEmpty());
        assertThat(name.isAscii()).isEqualTo(input.chars().allMatch(c -> c < 0x80));
        assertThat(name).isEqualTo(HeloName.parse(input.toLowerCase(Locale.ROOT), utf8)); // RFC 5321 2.4
    }

    static Stream<Arguments> notNames() {
        return Stream.of(
                // input, SMTPUTF8 offered, kind, 501 reply text after "Syntax error: "
                arguments("x(evil) by fake", true, Kind.SYNTAX,
                        "unexpected character '(' after the domain at position 1"),
                arguments("a b c", true, Kind.SYNTAX, "unexpected character ' ' after the domain at position 1"),
                arguments("a;b", true, Kind.SYNTAX, "unexpected character ';' after the domain at position 1"),
                arguments("a".repeat(600), true, Kind.TOO_LONG,
                        "domain label is 600 octets, more than 63 (RFC 1035 2.3.4) at position 0"),
                arguments(LONGEST + ".e", true, Kind.TOO_LONG, null),
                arguments("client.example.", true, Kind.SYNTAX, "domain ends with '.' at position 14"),
                arguments("-a.example", true, Kind.SYNTAX, "domain label starts with '-' at position 0"),
                arguments("a..b", true, Kind.SYNTAX, "empty label ('..') in domain at position 2"),
                arguments("a_b.example", true, Kind.SYNTAX, "unexpected character '_' after the domain at position 1"),
                arguments("[1.2.3]", true, Kind.SYNTAX,
                        "invalid IPv4 address literal, expected four numbers 0-255 separated by '.' at position 1"),
                arguments("b\u00fccher.example", false, Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 1"));
    }

    @ParameterizedTest
    @MethodSource("notNames")
    void anythingElseIsRefusedWithTheReasonAndPosition(String input, boolean utf8, Kind kind, String reason) {
        assertThatThrownBy(() -> HeloName.parse(input, utf8)).isInstanceOfSatisfying(AddressSyntaxException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    if (reason != null) {
                        assertThat(Replies.invalidHeloName(e)).hasToString("501 5.5.4 Syntax error: " + reason
                                + "; a domain name or address literal is required");
                    }
                });
    }
}
