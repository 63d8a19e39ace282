package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.pillarbox.smtp.core.AddressSyntaxException.Kind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mailbox, Domain and AddressLiteral values: equality per RFC 5321 2.4, factories, accessors. */
class MailboxTest {

    static Stream<Arguments> equalMailboxes() {
        return Stream.of(
                arguments("user@example.com", "user@EXAMPLE.COM"),
                arguments("User@Example.Com", "User@example.com"),
                arguments("\"john\"@example.com", "john@example.com"),
                arguments("\"a\\b\"@example.com", "ab@example.com"),
                arguments("a@[IPv6:ABCD::1]", "a@[ipv6:abcd::1]"),
                arguments("a@[192.0.2.1]", "a@[192.0.2.1]"));
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @MethodSource("equalMailboxes")
    void domainsCompareCaseInsensitively(String a, String b) throws AddressSyntaxException {
        assertThat(Mailbox.parse(a)).isEqualTo(Mailbox.parse(b));
        assertThat(Mailbox.parse(a)).hasSameHashCodeAs(Mailbox.parse(b));
    }

    static Stream<Arguments> differentMailboxes() {
        return Stream.of(
                arguments("user@example.com", "User@example.com"),
                arguments("user@example.com", "user@example.org"),
                arguments("a@[192.0.2.1]", "a@[192.0.2.2]"),
                arguments("\"a b\"@example.com", "ab@example.com"));
    }

    @ParameterizedTest(name = "[{index}] {0} != {1}")
    @MethodSource("differentMailboxes")
    void localPartsCompareExactly(String a, String b) throws AddressSyntaxException {
        // RFC 5321 2.4: the local part may be case-sensitive; only its own host may decide otherwise
        assertThat(Mailbox.parse(a)).isNotEqualTo(Mailbox.parse(b));
    }

    @Test
    void accessorsOfAMailboxAtADomain() throws AddressSyntaxException {
        Mailbox m = Mailbox.parse("Postmaster@Mail.Example.com");

        assertThat(m.localPart()).isEqualTo("Postmaster");
        assertThat(m.domain()).contains(Domain.of("mail.example.com"));
        assertThat(m.domain().orElseThrow().labels()).containsExactly("Mail", "Example", "com");
        assertThat(m.addressLiteral()).isEmpty();
        assertThat(m.host()).isEqualTo("Mail.Example.com");
        assertThat(m.isPostmaster()).isTrue();
        assertThat(m.isAscii()).isTrue();
    }

    @Test
    void accessorsOfAMailboxAtAnAddressLiteral() throws AddressSyntaxException {
        Mailbox m = Mailbox.parse("root@[IPv6:2001:db8::1]");

        assertThat(m.domain()).isEmpty();
        assertThat(m.host()).isEqualTo("[IPv6:2001:db8::1]");
        AddressLiteral literal = m.addressLiteral().orElseThrow();
        assertThat(literal.type()).isEqualTo(AddressLiteral.Type.IPV6);
        assertThat(literal.tag()).isEqualTo("IPv6");
        assertThat(literal.address()).isEqualTo("2001:db8::1");
        assertThat(m.isPostmaster()).isFalse();
    }

    static Stream<Arguments> literals() {
        return Stream.of(
                arguments("[192.0.2.1]", AddressLiteral.Type.IPV4, "", "192.0.2.1"),
                arguments("[IPv6:::1]", AddressLiteral.Type.IPV6, "IPv6", "::1"),
                arguments("[IPv6:1:2:3:4:5:6:1.2.3.4]", AddressLiteral.Type.IPV6, "IPv6", "1:2:3:4:5:6:1.2.3.4"),
                arguments("[x-onion:abc.def]", AddressLiteral.Type.GENERAL, "x-onion", "abc.def"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("literals")
    void addressLiteralForms(String text, AddressLiteral.Type type, String tag, String address)
            throws AddressSyntaxException {
        AddressLiteral literal = AddressLiteral.parse(text);

        assertThat(literal.type()).isEqualTo(type);
        assertThat(literal.tag()).isEqualTo(tag);
        assertThat(literal.address()).isEqualTo(address);
        assertThat(literal.toString()).isEqualTo(text);
    }

    @Test
    void addressLiteralParseRejectsTrailingText() {
        assertThatThrownBy(() -> AddressLiteral.parse("[192.0.2.1]x"))
                .isInstanceOf(AddressSyntaxException.class)
                .hasMessage("unexpected character 'x' after the address literal at position 11 in \"[192.0.2.1]x\"");
    }

    static Stream<Arguments> factoryQuoting() {
        return Stream.of(
                arguments("john.smith", "john.smith@example.com"),
                arguments("john smith", "\"john smith\"@example.com"),
                arguments("a\"b", "\"a\\\"b\"@example.com"),
                arguments("a\\b", "\"a\\\\b\"@example.com"),
                arguments("", "\"\"@example.com"),
                arguments("a..b", "\"a..b\"@example.com"),
                arguments("ü", "ü@example.com"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("factoryQuoting")
    void ofQuotesTheLocalPartOnlyWhenItIsNotADotString(String local, String canonical)
            throws AddressSyntaxException {
        Mailbox m = Mailbox.of(local, Domain.of("example.com"));

        assertThat(m.toString()).isEqualTo(canonical);
        assertThat(m.localPart()).isEqualTo(local);
        assertThat(Mailbox.parse(canonical, true)).isEqualTo(m);
    }

    @Test
    void ofRejectsWhatSmtpCannotCarry() {
        Domain d = Domain.of("example.com");
        assertThatThrownBy(() -> Mailbox.of("a\r\nRCPT TO:<x@y>", d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("local part has character U+000D at position 1, which SMTP cannot carry");
        assertThatThrownBy(() -> Mailbox.of("a".repeat(65), d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("local part is 65 octets, more than 64 (RFC 5321 4.5.3.1.1)");
        // quoting counts: 63 characters with a space need 65 octets on the wire
        assertThatThrownBy(() -> Mailbox.of(" " + "a".repeat(62), d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("local part is 65 octets, more than 64 (RFC 5321 4.5.3.1.1)");
    }

    @Test
    void mailboxParseWithoutUtf8ReportsNonAscii() {
        assertThatThrownBy(() -> Mailbox.parse("jö@example.com"))
                .isInstanceOfSatisfying(AddressSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NON_ASCII_WITHOUT_SMTPUTF8);
                    assertThat(e.position()).isEqualTo(1);
                });
    }

    @Test
    void utf8MailboxIsNotAscii() throws AddressSyntaxException {
        assertThat(Mailbox.parse("jö@example.com", true).isAscii()).isFalse();
        assertThat(Mailbox.parse("jo@bücher.example", true).isAscii()).isFalse();
        assertThat(Domain.parse("bücher.example", true).isAscii()).isFalse();
    }

    static Stream<Arguments> domains() {
        return Stream.of(
                arguments("example.com", List.of("example", "com")),
                arguments("a", List.of("a")),
                arguments("3com.example", List.of("3com", "example")),
                arguments("xn--bcher-kva.example", List.of("xn--bcher-kva", "example")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("domains")
    void domainLabels(String text, List<String> labels) throws AddressSyntaxException {
        Domain d = Domain.parse(text);
        assertThat(d.labels()).isEqualTo(labels);
        assertThat(d.name()).isEqualTo(text);
        assertThat(d.toString()).isEqualTo(text);
    }

    @Test
    void domainEqualityIgnoresCase() throws AddressSyntaxException {
        assertThat(Domain.parse("Example.COM")).isEqualTo(Domain.parse("example.com"));
        assertThat(Domain.parse("Example.COM")).hasSameHashCodeAs(Domain.parse("example.com"));
        assertThat(Domain.parse("Example.COM").toString()).isEqualTo("Example.COM");
    }

    @Test
    void domainOfAtMost255Octets() throws AddressSyntaxException {
        String label = "d".repeat(63);
        String d255 = label + "." + label + "." + label + "." + label;
        assertThat(d255).hasSize(255);
        assertThat(Domain.parse(d255).labels()).hasSize(4);

        String d256 = d255.substring(0, 253) + ".ab";
        assertThat(d256).hasSize(256);
        assertThatThrownBy(() -> Domain.parse(d256))
                .isInstanceOfSatisfying(AddressSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TOO_LONG);
                    assertThat(e.reason()).isEqualTo("domain is 256 octets, more than 255 (RFC 5321 4.5.3.1.2)");
                    assertThat(e.position()).isZero();
                });
    }

    @Test
    void domainOfRejectsInvalidTextWithTheParserMessage() {
        assertThatThrownBy(() -> Domain.of("a..b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty label ('..') in domain at position 2 in \"a..b\"");
        assertThatThrownBy(() -> Domain.parse("example.com:25"))
                .isInstanceOf(AddressSyntaxException.class)
                .hasMessage("unexpected character ':' after the domain at position 11 in \"example.com:25\"");
    }

    @Test
    void reversePathValues() throws AddressSyntaxException {
        assertThat(ReversePath.parse("<>").isNull()).isTrue();
        assertThat(ReversePath.parse("<>").mailbox()).isEmpty();
        assertThat(ReversePath.parse("<>")).isSameAs(ReversePath.nullPath());
        assertThat(ReversePath.of(null)).isSameAs(ReversePath.nullPath());
        ReversePath p = ReversePath.of(Mailbox.parse("a@b.example"));
        assertThat(p.isNull()).isFalse();
        assertThat(p.toString()).isEqualTo("<a@b.example>");
        assertThat(p).isEqualTo(ReversePath.parse("<a@B.EXAMPLE>"));
    }

    @Test
    void forwardPathToPostmasterAtADomainIsNotTheBarePostmaster() throws AddressSyntaxException {
        ForwardPath p = ForwardPath.parse("<postmaster@example.com>");

        assertThat(p.isPostmaster()).isFalse();
        assertThat(p.mailbox()).get().matches(Mailbox::isPostmaster);
        assertThat(p.mailbox(Domain.of("other.example"))).isEqualTo(Mailbox.parse("postmaster@example.com"));
    }

    @Test
    void forwardPathRejectsTheNullPath() {
        assertThatThrownBy(() -> ForwardPath.parse("<>"))
                .isInstanceOf(AddressSyntaxException.class)
                .hasMessage("the null path <> is not a forward-path at position 0 in \"<>\"");
    }
}
