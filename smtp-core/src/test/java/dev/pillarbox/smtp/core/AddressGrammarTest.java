package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.pillarbox.smtp.core.AddressSyntaxException.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The path grammar of RFC 5321 4.1.2/4.1.3 with the RFC 6531 extensions, table-driven: valid paths with their
 * canonical form, invalid ones with the exact error kind and message. Examples are taken from or modelled on
 * the RFCs (RFC 5321 4.1.2-4.1.3, 4.5.3.1, appendix C; RFC 6531 3.3; RFC 6530 examples).
 */
class AddressGrammarTest {

    private static final String L64 = "a".repeat(64);
    private static final String L65 = "a".repeat(65);

    enum Side { REVERSE, FORWARD }

    static Stream<Arguments> validPaths() {
        return Stream.of(
                // input, SMTPUTF8, canonical form, local part value
                arguments("<user@example.com>", false, "<user@example.com>", "user"),
                arguments("<John.Smith@Example.COM>", false, "<John.Smith@Example.COM>", "John.Smith"),
                arguments("<a!#$%&'*+-/=?^_`{|}~@example.com>", false, "<a!#$%&'*+-/=?^_`{|}~@example.com>",
                        "a!#$%&'*+-/=?^_`{|}~"),
                arguments("<1234@example.com>", false, "<1234@example.com>", "1234"),
                arguments("<a.b.c@example.com>", false, "<a.b.c@example.com>", "a.b.c"),
                arguments("<\"john smith\"@example.com>", false, "<\"john smith\"@example.com>", "john smith"),
                arguments("<\"john\"@example.com>", false, "<john@example.com>", "john"),
                arguments("<\"a\\\"b\"@example.com>", false, "<\"a\\\"b\"@example.com>", "a\"b"),
                arguments("<\"a\\\\b\"@example.com>", false, "<\"a\\\\b\"@example.com>", "a\\b"),
                arguments("<\"\\a\\b\"@example.com>", false, "<ab@example.com>", "ab"),
                arguments("<\"\\ \"@example.com>", false, "<\" \"@example.com>", " "),
                arguments("<\"\"@example.com>", false, "<\"\"@example.com>", ""),
                arguments("<\"a..b\"@example.com>", false, "<\"a..b\"@example.com>", "a..b"),
                arguments("<\".a\"@example.com>", false, "<\".a\"@example.com>", ".a"),
                arguments("<\"a@b\"@example.com>", false, "<\"a@b\"@example.com>", "a@b"),
                arguments("<\"(comment)[x]\"@example.com>", false, "<\"(comment)[x]\"@example.com>",
                        "(comment)[x]"),
                arguments("<user@a-b.c-d.example>", false, "<user@a-b.c-d.example>", "user"),
                arguments("<user@1.2.3.4.example>", false, "<user@1.2.3.4.example>", "user"),
                arguments("<user@localhost>", false, "<user@localhost>", "user"),
                arguments("<user@xn--bcher-kva.example>", false, "<user@xn--bcher-kva.example>", "user"),
                arguments("<user@[192.0.2.1]>", false, "<user@[192.0.2.1]>", "user"),
                arguments("<user@[0.0.0.0]>", false, "<user@[0.0.0.0]>", "user"),
                arguments("<user@[255.255.255.255]>", false, "<user@[255.255.255.255]>", "user"),
                arguments("<user@[IPv6:2001:db8:0:0:0:0:0:1]>", false, "<user@[IPv6:2001:db8:0:0:0:0:0:1]>", "user"),
                arguments("<user@[IPv6:2001:db8::1]>", false, "<user@[IPv6:2001:db8::1]>", "user"),
                arguments("<user@[IPv6:::1]>", false, "<user@[IPv6:::1]>", "user"),
                arguments("<user@[IPv6:::]>", false, "<user@[IPv6:::]>", "user"),
                arguments("<user@[IPv6:fe80::]>", false, "<user@[IPv6:fe80::]>", "user"),
                arguments("<user@[IPv6:1:2:3:4:5:6::]>", false, "<user@[IPv6:1:2:3:4:5:6::]>", "user"),
                arguments("<user@[IPv6:1::2:3:4:5:6]>", false, "<user@[IPv6:1::2:3:4:5:6]>", "user"),
                arguments("<user@[IPv6:1:2:3:4:5:6:192.0.2.1]>", false, "<user@[IPv6:1:2:3:4:5:6:192.0.2.1]>",
                        "user"),
                arguments("<user@[IPv6:::ffff:192.0.2.1]>", false, "<user@[IPv6:::ffff:192.0.2.1]>", "user"),
                arguments("<user@[IPv6:1:2:3:4::192.0.2.1]>", false, "<user@[IPv6:1:2:3:4::192.0.2.1]>", "user"),
                arguments("<user@[IPv6:::192.0.2.1]>", false, "<user@[IPv6:::192.0.2.1]>", "user"),
                arguments("<user@[ipv6:ABCD::ef01]>", false, "<user@[ipv6:ABCD::ef01]>", "user"),
                arguments("<user@[x-tag:any!content~]>", false, "<user@[x-tag:any!content~]>", "user"),
                arguments("<@a.example,@b.example:user@c.example>", false, "<user@c.example>", "user"),
                arguments("<@a.example:user@c.example>", false, "<user@c.example>", "user"),
                arguments("<@[192.0.2.1]:user@c.example>".replace("[192.0.2.1]", "relay.example"), false,
                        "<user@c.example>", "user"),
                arguments("<" + L64 + "@example.com>", false, "<" + L64 + "@example.com>", L64),
                // RFC 6531 3.3: UTF-8 in local parts and U-labels
                arguments("<δοκιμή@παράδειγμα.δοκιμή>", true, "<δοκιμή@παράδειγμα.δοκιμή>", "δοκιμή"),
                arguments("<用户@例子.广告>", true, "<用户@例子.广告>", "用户"),
                arguments("<अजय@डाटा.भारत>", true, "<अजय@डाटा.भारत>", "अजय"),
                arguments("<user@bücher.example>", true, "<user@bücher.example>", "user"),
                arguments("<\"ü ö\"@example.com>", true, "<\"ü ö\"@example.com>", "ü ö"),
                arguments("<😀@example.com>", true, "<😀@example.com>", "😀"),
                arguments("<ascii@example.com>", true, "<ascii@example.com>", "ascii"),
                arguments("<" + "ü".repeat(32) + "@example.com>", true, "<" + "ü".repeat(32) + "@example.com>",
                        "ü".repeat(32)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validPaths")
    void validPathsParseToTheirCanonicalForm(String input, boolean utf8, String canonical, String localPart)
            throws AddressSyntaxException {
        ReversePath reverse = ReversePath.parse(input, utf8);
        ForwardPath forward = ForwardPath.parse(input, utf8);

        assertThat(reverse.toString()).isEqualTo(canonical);
        assertThat(forward.toString()).isEqualTo(canonical);
        assertThat(reverse.mailbox()).get().extracting(Mailbox::localPart).isEqualTo(localPart);
        assertThat(forward.mailbox()).isEqualTo(reverse.mailbox());
        // the canonical form parses back to an equal value
        assertThat(ReversePath.parse(canonical, utf8)).isEqualTo(reverse);
    }

    static Stream<Arguments> invalidPaths() {
        return Stream.of(
                // input, SMTPUTF8, kind, message
                arguments("", false, Kind.SYNTAX, "missing '<' at position 0 in \"\""),
                arguments("user@example.com", false, Kind.SYNTAX,
                        "unexpected character 'u' where '<' was expected at position 0 in \"user@example.com\""),
                arguments("<a@b.example", false, Kind.SYNTAX, "missing '>' at position 12 in \"<a@b.example\""),
                arguments("<a@b.example> ", false, Kind.SYNTAX,
                        "unexpected character ' ' after the path at position 13 in \"<a@b.example> \""),
                arguments("<a@b.example>x", false, Kind.SYNTAX,
                        "unexpected character 'x' after the path at position 13 in \"<a@b.example>x\""),
                arguments("<user>", false, Kind.SYNTAX,
                        "unexpected character '>' where '@' was expected at position 5 in \"<user>\""),
                arguments("<user@>", false, Kind.SYNTAX,
                        "unexpected character '>' where a domain was expected at position 6 in \"<user@>\""),
                arguments("<@example.com>", false, Kind.SYNTAX,
                        "unexpected character '>' in source route, expected ',' or ':' at position 13 in \"<@example.com>\""),
                arguments("<@a.example,b.example:u@c.example>", false, Kind.SYNTAX,
                        "unexpected character 'b' where '@' was expected at position 12 in \"<@a.example,b.example:u@c.example>\""),
                arguments("<@a.example:>", false, Kind.SYNTAX,
                        "unexpected character '>' in local part at position 12 in \"<@a.example:>\""),
                arguments("<@a.example", false, Kind.SYNTAX,
                        "missing ':' after source route at position 11 in \"<@a.example\""),
                arguments("<@a.example,>", false, Kind.SYNTAX,
                        "unexpected character '>' where '@' was expected at position 12 in \"<@a.example,>\""),
                arguments("<.a@b.example>", false, Kind.SYNTAX,
                        "local part starts with '.' at position 1 in \"<.a@b.example>\""),
                arguments("<a.@b.example>", false, Kind.SYNTAX,
                        "local part ends with '.' at position 2 in \"<a.@b.example>\""),
                arguments("<a..b@example>", false, Kind.SYNTAX,
                        "two dots in a row in local part at position 3 in \"<a..b@example>\""),
                arguments("<@>", false, Kind.SYNTAX,
                        "unexpected character '>' where a domain was expected at position 2 in \"<@>\""),
                arguments("<a b@example>", false, Kind.SYNTAX,
                        "unexpected character ' ' where '@' was expected at position 2 in \"<a b@example>\""),
                arguments("<a(b)@example>", false, Kind.SYNTAX,
                        "unexpected character '(' where '@' was expected at position 2 in \"<a(b)@example>\""),
                arguments("<a,b@example>", false, Kind.SYNTAX,
                        "unexpected character ',' where '@' was expected at position 2 in \"<a,b@example>\""),
                arguments("<\"ab@example>", false, Kind.SYNTAX,
                        "missing closing '\"' of quoted local part at position 13 in \"<\"ab@example>\""),
                arguments("<\"a\\", false, Kind.SYNTAX,
                        "missing character after '\\' in quoted local part at position 4 in \"<\"a\\\""),
                arguments("<\"a\tb\"@example>", false, Kind.SYNTAX,
                        "invalid character U+0009 in quoted local part at position 3 in \"<\"a\\x09b\"@example>\""),
                arguments("<\"a\\\tb\"@example>", false, Kind.SYNTAX,
                        "invalid character U+0009 after '\\' in quoted local part at position 4 in \"<\"a\\\\x09b\"@example>\""),
                arguments("<\"a\"b@example>", false, Kind.SYNTAX,
                        "unexpected character 'b' where '@' was expected at position 4 in \"<\"a\"b@example>\""),
                arguments("<a@.example>", false, Kind.SYNTAX,
                        "domain starts with '.' at position 3 in \"<a@.example>\""),
                arguments("<a@b..example>", false, Kind.SYNTAX,
                        "empty label ('..') in domain at position 5 in \"<a@b..example>\""),
                arguments("<a@example.>", false, Kind.SYNTAX,
                        "domain ends with '.' at position 10 in \"<a@example.>\""),
                arguments("<a@-b.example>", false, Kind.SYNTAX,
                        "domain label starts with '-' at position 3 in \"<a@-b.example>\""),
                arguments("<a@b-.example>", false, Kind.SYNTAX,
                        "domain label ends with '-' at position 4 in \"<a@b-.example>\""),
                arguments("<a@b_c.example>", false, Kind.SYNTAX,
                        "unexpected character '_' where '>' was expected at position 4 in \"<a@b_c.example>\""),
                arguments("<a@[1.2.3]>", false, Kind.SYNTAX,
                        "invalid IPv4 address literal, expected four numbers 0-255 separated by '.' at position 4 in \"<a@[1.2.3]>\""),
                arguments("<a@[256.1.1.1]>", false, Kind.SYNTAX,
                        "invalid IPv4 address literal, expected four numbers 0-255 separated by '.' at position 4 in \"<a@[256.1.1.1]>\""),
                arguments("<a@[1.2.3.4]", false, Kind.SYNTAX, "missing '>' at position 12 in \"<a@[1.2.3.4]\""),
                arguments("<a@[1.2.3.4>", false, Kind.SYNTAX, "missing ']' at position 12 in \"<a@[1.2.3.4>\""),
                arguments("<a@[]>", false, Kind.SYNTAX, "empty address literal at position 4 in \"<a@[]>\""),
                arguments("<a@[example]>", false, Kind.SYNTAX,
                        "invalid IPv4 address literal, expected four numbers 0-255 separated by '.' at position 4 in \"<a@[example]>\""),
                arguments("<a@[IPv6:1:2:3:4:5:6:7:8:9]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6:1:2:3:4:5:6:7:8:9]>\""),
                arguments("<a@[IPv6:1:2:3:4:5:6:7]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6:1:2:3:4:5:6:7]>\""),
                arguments("<a@[IPv6:1:2:3:4:5:6:7::]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6:1:2:3:4:5:6:7::]>\""),
                arguments("<a@[IPv6:1::2::3]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6:1::2::3]>\""),
                arguments("<a@[IPv6:12345::1]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6:12345::1]>\""),
                arguments("<a@[IPv6:g::1]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6:g::1]>\""),
                arguments("<a@[IPv6:1:2:3:4:5::192.0.2.1]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6:1:2:3:4:5::192.0.2.1]>\""),
                arguments("<a@[IPv6:192.0.2.1::1]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6:192.0.2.1::1]>\""),
                arguments("<a@[IPv6:::256.0.0.1]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6:::256.0.0.1]>\""),
                arguments("<a@[IPv6:1:2]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6:1:2]>\""),
                arguments("<a@[IPv6::1]>", false, Kind.SYNTAX,
                        "invalid IPv6 address literal (RFC 5321 4.1.3) at position 9 in \"<a@[IPv6::1]>\""),
                arguments("<a@[x-:y]>", false, Kind.SYNTAX,
                        "invalid address literal tag \"x-\" at position 4 in \"<a@[x-:y]>\""),
                arguments("<a@[x_y:z]>", false, Kind.SYNTAX,
                        "invalid address literal tag \"x_y\" at position 5 in \"<a@[x_y:z]>\""),
                arguments("<a@[x:]>", false, Kind.SYNTAX,
                        "empty address literal after tag x at position 6 in \"<a@[x:]>\""),
                arguments("<a@[x:a b]>", false, Kind.SYNTAX,
                        "invalid character ' ' in address literal at position 7 in \"<a@[x:a b]>\""),
                arguments("<a@[x:a\\b]>", false, Kind.SYNTAX,
                        "invalid character '\\' in address literal at position 7 in \"<a@[x:a\\b]>\""),
                // control characters never pass, so nothing can be smuggled behind a path
                arguments("<a\u0000@b.example>", false, Kind.SYNTAX,
                        "unexpected character U+0000 where '@' was expected at position 2 in \"<a\\x00@b.example>\""),
                arguments("<a@b.example>\r\nRCPT TO:<x@y>", false, Kind.SYNTAX,
                        "unexpected character U+000D after the path at position 13 in \"<a@b.example>\\x0d\\x0aRCPT TO:<x@y>\""),
                arguments("<a@b\n.example>", false, Kind.SYNTAX,
                        "unexpected character U+000A where '>' was expected at position 4 in \"<a@b\\x0a.example>\""),
                // RFC 6531 3.7.4: non-ASCII without SMTPUTF8 has its own kind
                arguments("<ü@example.com>", false, Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 1 in \"<ü@example.com>\""),
                arguments("<a@bücher.example>", false, Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 4 in \"<a@bücher.example>\""),
                arguments("<\"ü\"@example.com>", false, Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 2 in \"<\"ü\"@example.com>\""),
                arguments("<a@[ü]>", false, Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 4 in \"<a@[ü]>\""),
                // IDNA2008 rules for U-labels that the JDK can check
                arguments("<a@BÜCHER.example>", true, Kind.SYNTAX,
                        "character U+00DC is not allowed in a U-label (RFC 5892) at position 4 in \"<a@BÜCHER.example>\""),
                arguments("<a@ab--ü.example>", true, Kind.SYNTAX,
                        "U-label has '--' in positions 3 and 4 (RFC 5891 4.2.3.1) at position 5 in \"<a@ab--ü.example>\""),
                arguments("<a@\u0301b.example>", true, Kind.SYNTAX,
                        "U-label starts with a combining mark (RFC 5891 4.2.3.2) at position 3 in \"<a@\u0301b.example>\""),
                arguments("<a@e\u0301.example>", true, Kind.SYNTAX,
                        "U-label is not in Unicode normalization form NFC (RFC 5891 5.3) at position 3 in \"<a@e\u0301.example>\""),
                arguments("<a@例子\u3002广告>", true, Kind.SYNTAX,
                        "character U+3002 is not allowed in a U-label (RFC 5892) at position 5 in \"<a@例子\u3002广告>\""),
                arguments("<a@[ü]>", true, Kind.SYNTAX,
                        "invalid character U+00FC in address literal at position 4 in \"<a@[ü]>\""),
                arguments("<\"\\ü\"@example.com>", true, Kind.SYNTAX,
                        "invalid character U+00FC after '\\' in quoted local part at position 3 in \"<\"\\ü\"@example.com>\""),
                arguments("<\ud800@example.com>", true, Kind.SYNTAX,
                        "unexpected character U+D800 in local part at position 1 in \"<\ud800@example.com>\""),
                // RFC 5321 4.5.3.1 size limits
                arguments("<" + L65 + "@example.com>", false, Kind.TOO_LONG,
                        "local part is 65 octets, more than 64 (RFC 5321 4.5.3.1.1) at position 1 in \"<" + L65
                                + "@example.com>\""),
                arguments("<\"" + L64 + "\"@example.com>", false, Kind.TOO_LONG,
                        "local part is 66 octets, more than 64 (RFC 5321 4.5.3.1.1) at position 1 in \"<\"" + L64
                                + "\"@example.com>\""),
                arguments("<" + "ü".repeat(33) + "@example.com>", true, Kind.TOO_LONG,
                        "local part is 66 octets, more than 64 (RFC 5321 4.5.3.1.1) at position 1 in \"<"
                                + "ü".repeat(33) + "@example.com>\""),
                arguments("<a@" + "b".repeat(64) + ".example>", false, Kind.TOO_LONG,
                        "domain label is 64 octets, more than 63 (RFC 1035 2.3.4) at position 3 in \"<a@"
                                + "b".repeat(64) + ".example>\""),
                arguments(pathOfOctets(257), false, Kind.TOO_LONG,
                        "path is 257 octets, more than 256 (RFC 5321 4.5.3.1.3) at position 0 in \"" + pathOfOctets(257)
                                + "\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidPaths")
    void invalidPathsAreRejectedWithKindAndPosition(String input, boolean utf8, Kind kind, String message) {
        for (Side side : Side.values()) {
            assertThatThrownBy(() -> parse(side, input, utf8))
                    .isInstanceOfSatisfying(AddressSyntaxException.class, e -> {
                        assertThat(e.kind()).isEqualTo(kind);
                        assertThat(e.getMessage()).isEqualTo(message);
                        assertThat(e.input()).isEqualTo(input);
                        assertThat(message).startsWith(e.reason() + " at position " + e.position() + " in ");
                        assertThat(e.reason()).isASCII();
                    });
        }
    }

    private static Object parse(Side side, String input, boolean utf8) throws AddressSyntaxException {
        return side == Side.REVERSE ? ReversePath.parse(input, utf8) : ForwardPath.parse(input, utf8);
    }

    /** A path of exactly {@code octets} octets: "<" + 64-octet local part + "@" + domain + ">". */
    static String pathOfOctets(int octets) {
        int domainOctets = octets - 3 - 64;
        StringBuilder domain = new StringBuilder();
        while (domain.length() < domainOctets) {
            int left = domainOctets - domain.length();
            if (domain.length() > 0) {
                domain.append('.');
                left--;
            }
            domain.append("d".repeat(Math.min(50, Math.max(1, left))));
        }
        return "<" + L64 + "@" + domain + ">";
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("pathLengths")
    void pathOfExactly256OctetsIsAccepted(int octets) throws AddressSyntaxException {
        String path = pathOfOctets(octets);
        assertThat(path).hasSize(octets);
        assertThat(ReversePath.parse(path).toString()).isEqualTo(path);
    }

    static Stream<Integer> pathLengths() {
        return Stream.of(100, 255, 256);
    }

    static Stream<Arguments> nullAndPostmaster() {
        return Stream.of(
                arguments("<Postmaster>"),
                arguments("<postmaster>"),
                arguments("<POSTMASTER>"),
                arguments("<pOsTmAsTeR>"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("nullAndPostmaster")
    void postmasterWithoutDomainIsAForwardPathInAnyCase(String input) throws AddressSyntaxException {
        ForwardPath path = ForwardPath.parse(input);

        assertThat(path.isPostmaster()).isTrue();
        assertThat(path.mailbox()).isEmpty();
        assertThat(path.toString()).isEqualTo("<Postmaster>");
        assertThat(path).isEqualTo(ForwardPath.postmaster());
        assertThat(path.mailbox(Domain.of("mx.example")).toString()).isEqualTo("postmaster@mx.example");
        // RFC 5321 4.1.1.2: there is no domain-less postmaster reverse-path
        assertThatThrownBy(() -> ReversePath.parse(input))
                .isInstanceOf(AddressSyntaxException.class)
                .hasMessage("unexpected character '>' where '@' was expected at position 11 in \"" + input + "\"");
    }
}
