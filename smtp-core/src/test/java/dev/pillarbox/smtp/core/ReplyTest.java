package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reply values: wire form, validation, multiline. */
class ReplyTest {

    static Stream<Arguments> wireForms() {
        return Stream.of(
                arguments(Reply.of(250, "OK"), "250 OK"),
                arguments(Reply.of(550, "5.1.1", "No such user"), "550 5.1.1 No such user"),
                arguments(Reply.of(ReplyCode.of(451), EnhancedStatusCode.of(4, 3, 0), "Try later"), "451 4.3.0 Try later"),
                arguments(Reply.of(ReplyCode.of(354), null, "Go ahead"), "354 Go ahead"),
                arguments(Reply.multiline(250, List.of("mx.example", "PIPELINING", "SIZE 10240000")),
                        "250-mx.example\r\n250-PIPELINING\r\n250 SIZE 10240000"),
                arguments(Reply.multiline(ReplyCode.of(550), EnhancedStatusCode.of(5, 7, 1), List.of("Rejected", "See policy")),
                        "550-5.7.1 Rejected\r\n550 5.7.1 See policy"),
                arguments(Reply.of(250, ""), "250 "),
                arguments(Replies.START_MAIL_INPUT, "354 Start mail input; end with <CRLF>.<CRLF>"),
                arguments(Replies.COMMAND_UNRECOGNIZED, "500 5.5.2 Syntax error, command unrecognized"),
                arguments(Replies.NON_ASCII_ADDRESS_NOT_PERMITTED,
                        "553 5.6.7 Non-ASCII addresses not permitted for that sender/recipient"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("wireForms")
    void toStringIsTheWireFormWithoutFinalCrlf(Reply reply, String wire) {
        assertThat(reply.toString()).isEqualTo(wire);
    }

    static Stream<Arguments> lineBreaks() {
        return Stream.of(
                arguments("a\r\n250 injected", "reply text contains CR or LF: \"a\\r\\n250 injected\""),
                arguments("a\rb", "reply text contains CR or LF: \"a\\rb\""),
                arguments("a\nb", "reply text contains CR or LF: \"a\\nb\""));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("lineBreaks")
    void crAndLfInTextAreRejectedSoNoReplyCanBeInjected(String text, String message) {
        assertThatThrownBy(() -> Reply.of(250, text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> Reply.multiline(250, List.of("ok", text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> classMismatches() {
        return Stream.of(
                arguments(250, "5.0.0", "enhanced status code 5.0.0 does not match the class of reply code 250 (RFC 2034 section 4)"),
                arguments(550, "4.7.1", "enhanced status code 4.7.1 does not match the class of reply code 550 (RFC 2034 section 4)"),
                arguments(421, "2.0.0", "enhanced status code 2.0.0 does not match the class of reply code 421 (RFC 2034 section 4)"),
                arguments(354, "2.0.0", "enhanced status code 2.0.0 does not match the class of reply code 354 (RFC 2034 section 4)"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("classMismatches")
    void enhancedCodeClassMustMatchReplyCode(int code, String enhanced, String message) {
        assertThatThrownBy(() -> Reply.of(code, enhanced, "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aReplyHasAtLeastOneLine() {
        assertThatThrownBy(() -> Reply.multiline(250, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a reply has at least one line");
    }

    @Test
    void accessorsAndCopies() {
        Reply r = Reply.of(550, "5.1.1", "No such user");

        assertThat(r.code()).isEqualTo(ReplyCode.of(550));
        assertThat(r.enhancedCode()).contains(EnhancedStatusCode.of(5, 1, 1));
        assertThat(r.text()).isEqualTo("No such user");
        assertThat(r.lines()).containsExactly("No such user");
        assertThat(r.isPositive()).isFalse();
        assertThat(r.withoutEnhancedCode().toString()).isEqualTo("550 No such user");
        assertThat(r.withoutEnhancedCode().withEnhancedCode(EnhancedStatusCode.of(5, 1, 1))).isEqualTo(r);
        assertThat(Reply.of(250, "OK").withoutEnhancedCode()).isEqualTo(Reply.of(250, "OK"));
    }

    @Test
    void linesAreCopiedSoTheReplyStaysImmutable() {
        List<String> lines = new java.util.ArrayList<>(List.of("a", "b"));
        Reply r = Reply.multiline(250, lines);
        lines.set(0, "changed");

        assertThat(r.lines()).containsExactly("a", "b");
        assertThatThrownBy(() -> r.lines().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}
