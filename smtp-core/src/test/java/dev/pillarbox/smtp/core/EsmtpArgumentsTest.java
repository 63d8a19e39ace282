package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.pillarbox.smtp.core.AddressSyntaxException.Kind;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ESMTP parameters (RFC 5321 4.1.2) and the MAIL/RCPT argument parsers (4.1.1.2, 4.1.1.3). */
class EsmtpArgumentsTest {

    static Stream<Arguments> validParameters() {
        return Stream.of(
                arguments("SIZE=1000", false, Map.of("SIZE", "1000"), "SIZE=1000"),
                arguments("size=1000 body=8BITMIME", false, Map.of("SIZE", "1000", "BODY", "8BITMIME"),
                        "SIZE=1000 BODY=8BITMIME"),
                arguments("SMTPUTF8", false, Map.of("SMTPUTF8", ""), "SMTPUTF8"),
                arguments("X-VENDOR-1=a+b", false, Map.of("X-VENDOR-1", "a+b"), "X-VENDOR-1=a+b"),
                arguments("NOTIFY=SUCCESS,FAILURE", false, Map.of("NOTIFY", "SUCCESS,FAILURE"), "NOTIFY=SUCCESS,FAILURE"),
                arguments("ORCPT=rfc822;a+40b.example", false, Map.of("ORCPT", "rfc822;a+40b.example"),
                        "ORCPT=rfc822;a+40b.example"),
                arguments("ENVID=!\"#<>~", false, Map.of("ENVID", "!\"#<>~"), "ENVID=!\"#<>~"),
                arguments("9=x", false, Map.of("9", "x"), "9=x"),
                arguments("X=ü", true, Map.of("X", "ü"), "X=ü"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validParameters")
    void validParameterLists(String text, boolean utf8, Map<String, String> expected, String canonical)
            throws AddressSyntaxException {
        EsmtpParameters p = EsmtpParameters.parse(text, utf8);

        assertThat(p.asMap()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(p.size()).isEqualTo(expected.size());
        assertThat(p.toString()).isEqualTo(canonical);
        assertThat(EsmtpParameters.parse(canonical, utf8)).isEqualTo(p);
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                arguments("SIZE=", Kind.SYNTAX, "empty value for parameter SIZE at position 5 in \"SIZE=\""),
                arguments("SIZE= BODY=7BIT", Kind.SYNTAX,
                        "empty value for parameter SIZE at position 5 in \"SIZE= BODY=7BIT\""),
                arguments("=1", Kind.SYNTAX,
                        "unexpected character '=' where a parameter keyword was expected at position 0 in \"=1\""),
                arguments("-X=1", Kind.SYNTAX,
                        "unexpected character '-' where a parameter keyword was expected at position 0 in \"-X=1\""),
                arguments("SI_ZE=1", Kind.SYNTAX,
                        "unexpected character '_' in parameter keyword at position 2 in \"SI_ZE=1\""),
                arguments("SIZE=1  BODY=7BIT", Kind.SYNTAX,
                        "unexpected character ' ' where a parameter keyword was expected at position 7 in \"SIZE=1  BODY=7BIT\""),
                arguments("SIZE=1 ", Kind.SYNTAX, "missing parameter after ' ' at position 7 in \"SIZE=1 \""),
                arguments("SIZE=a=b", Kind.SYNTAX,
                        "unexpected character '=' in value of parameter SIZE at position 6 in \"SIZE=a=b\""),
                arguments("A=\u0001", Kind.SYNTAX,
                        "unexpected character U+0001 in value of parameter A at position 2 in \"A=\\x01\""),
                arguments("A=b\tB=c", Kind.SYNTAX,
                        "unexpected character U+0009 in value of parameter A at position 3 in \"A=b\\x09B=c\""),
                arguments("X=ü", Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 2 in \"X=ü\""),
                arguments("SIZE=1 size=2", Kind.DUPLICATE_PARAMETER,
                        "duplicate parameter SIZE at position 7 in \"SIZE=1 size=2\""),
                arguments("BODY=7BIT SIZE=1 BODY=8BITMIME", Kind.DUPLICATE_PARAMETER,
                        "duplicate parameter BODY at position 17 in \"BODY=7BIT SIZE=1 BODY=8BITMIME\""),
                arguments("SMTPUTF8 SMTPUTF8", Kind.DUPLICATE_PARAMETER,
                        "duplicate parameter SMTPUTF8 at position 9 in \"SMTPUTF8 SMTPUTF8\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidParameters")
    void invalidParameterLists(String text, Kind kind, String message) {
        assertThatThrownBy(() -> EsmtpParameters.parse(text))
                .isInstanceOfSatisfying(AddressSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void parameterLookupIgnoresCase() throws AddressSyntaxException {
        EsmtpParameters p = EsmtpParameters.parse("SIZE=10 SMTPUTF8");

        assertThat(p.contains("size")).isTrue();
        assertThat(p.value("Size")).contains("10");
        assertThat(p.contains("smtputf8")).isTrue();
        assertThat(p.value("SMTPUTF8")).isEmpty();
        assertThat(p.contains("BODY")).isFalse();
        assertThat(p.keywords()).containsExactly("SIZE", "SMTPUTF8");
        assertThat(EsmtpParameters.parse("")).isSameAs(EsmtpParameters.empty());
        assertThat(EsmtpParameters.empty().isEmpty()).isTrue();
        assertThat(EsmtpParameters.empty().toString()).isEmpty();
    }

    @Test
    void withAddsOneValidatedParameter() {
        EsmtpParameters p = EsmtpParameters.empty().with("size", "10").with("SMTPUTF8", null);

        assertThat(p.toString()).isEqualTo("SIZE=10 SMTPUTF8");
        assertThatThrownBy(() -> p.with("Size", "11"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate parameter SIZE");
        assertThatThrownBy(() -> p.with("BODY", "a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not one parameter: \"BODY=a b\"");
        assertThatThrownBy(() -> p.with("BODY", "a=b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unexpected character '=' in value of parameter BODY at position 6 in \"BODY=a=b\"");
    }

    static Stream<Arguments> validMail() {
        return Stream.of(
                // argument, SMTPUTF8 offered, reverse-path, parameters
                arguments("FROM:<a@b>", false, "<a@b>", ""),
                arguments("FROM:<a@b> SIZE=10", false, "<a@b>", "SIZE=10"),
                arguments("from:<a@b.example> size=10 body=8bitmime", false, "<a@b.example>", "SIZE=10 BODY=8bitmime"),
                arguments("From: <a@b.example>", false, "<a@b.example>", ""),
                arguments("FROM:<>", false, "<>", ""),
                arguments("FROM:<> BODY=8BITMIME", false, "<>", "BODY=8BITMIME"),
                arguments("FROM:<@relay.example:a@b.example>", false, "<a@b.example>", ""),
                arguments("FROM:<a@b.example> SMTPUTF8", true, "<a@b.example>", "SMTPUTF8"),
                arguments("FROM:<jö@bücher.example> SMTPUTF8", true, "<jö@bücher.example>", "SMTPUTF8"),
                arguments("FROM:<jö@example.com> SIZE=1 SMTPUTF8", true, "<jö@example.com>", "SIZE=1 SMTPUTF8"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validMail")
    void validMailArguments(String argument, boolean offered, String path, String params)
            throws AddressSyntaxException {
        MailArguments m = MailArguments.parse(argument, offered);

        assertThat(m.reversePath().toString()).isEqualTo(path);
        assertThat(m.parameters().toString()).isEqualTo(params);
        assertThat(MailArguments.parse(m.toString(), offered)).isEqualTo(m);
    }

    static Stream<Arguments> invalidMail() {
        return Stream.of(
                arguments("FROM:  <a@b>", false, Kind.SYNTAX,
                        "unexpected character ' ' where '<' was expected at position 6 in \"FROM:  <a@b>\""),
                arguments("FROM <a@b>", false, Kind.SYNTAX, "expected \"FROM:\" at position 0 in \"FROM <a@b>\""),
                arguments("TO:<a@b>", false, Kind.SYNTAX, "expected \"FROM:\" at position 0 in \"TO:<a@b>\""),
                arguments("", false, Kind.SYNTAX, "expected \"FROM:\" at position 0 in \"\""),
                arguments("FROM:", false, Kind.SYNTAX, "missing '<' at position 5 in \"FROM:\""),
                arguments("FROM:a@b", false, Kind.SYNTAX,
                        "unexpected character 'a' where '<' was expected at position 5 in \"FROM:a@b\""),
                arguments("FROM:<a@b>SIZE=1", false, Kind.SYNTAX,
                        "unexpected character 'S' after the path at position 10 in \"FROM:<a@b>SIZE=1\""),
                arguments("FROM:<a@b> ", false, Kind.SYNTAX,
                        "missing parameter after ' ' at position 11 in \"FROM:<a@b> \""),
                arguments("FROM:<a@b> SIZE=1 SIZE=2", false, Kind.DUPLICATE_PARAMETER,
                        "duplicate parameter SIZE at position 18 in \"FROM:<a@b> SIZE=1 SIZE=2\""),
                arguments("FROM:<jö@example.com>", false, Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 7 in \"FROM:<jö@example.com>\""),
                // offered but not asked for with the SMTPUTF8 parameter (RFC 6531 3.4)
                arguments("FROM:<jö@example.com>", true, Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 7 in \"FROM:<jö@example.com>\""),
                arguments("FROM:<a@b> X=ü", true, Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 13 in \"FROM:<a@b> X=ü\""),
                // not offered: the SMTPUTF8 parameter does not unlock UTF-8
                arguments("FROM:<jö@example.com> SMTPUTF8", false, Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 7 in \"FROM:<jö@example.com> SMTPUTF8\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidMail")
    void invalidMailArguments(String argument, boolean offered, Kind kind, String message) {
        assertThatThrownBy(() -> MailArguments.parse(argument, offered))
                .isInstanceOfSatisfying(AddressSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void mailArgumentsExampleFromTheIssue() throws AddressSyntaxException {
        MailArguments m = MailArguments.parse("FROM:<a@b> SIZE=10");

        assertThat(m.reversePath().mailbox()).contains(Mailbox.parse("a@b"));
        assertThat(m.parameters().value("SIZE")).contains("10");
        assertThat(m.smtpUtf8()).isFalse();
        assertThat(MailArguments.parse("FROM:<ü@b> SMTPUTF8", true).smtpUtf8()).isTrue();
    }

    static Stream<Arguments> validRcpt() {
        return Stream.of(
                arguments("TO:<x@y> NOTIFY=NEVER", false, "<x@y>", "NOTIFY=NEVER"),
                arguments("to:<x@y.example>", false, "<x@y.example>", ""),
                arguments("To: <x@y.example>", false, "<x@y.example>", ""),
                arguments("TO:<Postmaster>", false, "<Postmaster>", ""),
                arguments("TO:<postmaster> ORCPT=rfc822;postmaster", false, "<Postmaster>", "ORCPT=rfc822;postmaster"),
                arguments("TO:<@a.example,@b.example:x@c.example>", false, "<x@c.example>", ""),
                arguments("TO:<用户@例子.广告>", true, "<用户@例子.广告>", ""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validRcpt")
    void validRcptArguments(String argument, boolean utf8, String path, String params)
            throws AddressSyntaxException {
        RcptArguments r = RcptArguments.parse(argument, utf8);

        assertThat(r.forwardPath().toString()).isEqualTo(path);
        assertThat(r.parameters().toString()).isEqualTo(params);
        assertThat(RcptArguments.parse(r.toString(), utf8)).isEqualTo(r);
    }

    static Stream<Arguments> invalidRcpt() {
        return Stream.of(
                arguments("TO:<>", false, Kind.SYNTAX, "the null path <> is not a forward-path at position 3 in \"TO:<>\""),
                arguments("FROM:<x@y>", false, Kind.SYNTAX, "expected \"TO:\" at position 0 in \"FROM:<x@y>\""),
                arguments("TO:x@y", false, Kind.SYNTAX,
                        "unexpected character 'x' where '<' was expected at position 3 in \"TO:x@y\""),
                arguments("TO:<x@y> NOTIFY=NEVER NOTIFY=NEVER", false, Kind.DUPLICATE_PARAMETER,
                        "duplicate parameter NOTIFY at position 22 in \"TO:<x@y> NOTIFY=NEVER NOTIFY=NEVER\""),
                arguments("TO:<用户@例子.广告>", false, Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                        "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 4 in \"TO:<用户@例子.广告>\""),
                arguments("TO:<" + "a".repeat(65) + "@y>", false, Kind.TOO_LONG,
                        "local part is 65 octets, more than 64 (RFC 5321 4.5.3.1.1) at position 4 in \"TO:<"
                                + "a".repeat(65) + "@y>\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidRcpt")
    void invalidRcptArguments(String argument, boolean utf8, Kind kind, String message) {
        assertThatThrownBy(() -> RcptArguments.parse(argument, utf8))
                .isInstanceOfSatisfying(AddressSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void addressErrorsMapToReplies() {
        AddressSyntaxException nonAscii = new AddressSyntaxException(Kind.NON_ASCII_WITHOUT_SMTPUTF8,
                "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4)", 7, "FROM:<jö@example.com>");
        AddressSyntaxException syntax = new AddressSyntaxException(Kind.SYNTAX, "missing '>'", 12, "FROM:<a@b");

        assertThat(Replies.invalidArguments(nonAscii).toString())
                .isEqualTo("553 5.6.7 Non-ASCII addresses not permitted for that sender/recipient");
        assertThat(Replies.invalidArguments(syntax).toString())
                .isEqualTo("501 5.5.4 Syntax error: missing '>' at position 12");
    }
}
