package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Commands: verbs normalised to upper-case ASCII, arguments kept exactly. */
class CommandTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                arguments("MAIL FROM:<a@b>", "MAIL", "FROM:<a@b>"),
                arguments("mail FROM:<a@b>", "MAIL", "FROM:<a@b>"),
                arguments("rcpt To:<X@Y>  NOTIFY=NEVER ", "RCPT", "To:<X@Y>  NOTIFY=NEVER "),
                arguments("QUIT", "QUIT", ""),
                arguments("noop", "NOOP", ""),
                arguments("HELO ", "HELO", ""),
                arguments("EHLO  client.example", "EHLO", " client.example"),
                arguments("x-Vendor arg", "X-VENDOR", "arg"),
                arguments("StartTLS", "STARTTLS", ""),
                arguments("AUTH PLAIN dGVzdAB0ZXN0AHRlc3Q=", "AUTH", "PLAIN dGVzdAB0ZXN0AHRlc3Q="));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("lines")
    void verbIsUpperCasedAndArgumentKeptExactly(String line, String verb, String argument) {
        Command c = Command.parse(line);

        assertThat(c.verb()).isEqualTo(Verb.of(verb));
        assertThat(c.verb().name()).isEqualTo(verb);
        assertThat(c.argument()).isEqualTo(argument);
        assertThat(c.hasArgument()).isEqualTo(!argument.isEmpty());
    }

    @Test
    void knownVerbsAreCachedConstants() {
        assertThat(Verb.of("mail")).isSameAs(Verb.MAIL);
        assertThat(Verb.of("StartTls")).isSameAs(Verb.STARTTLS);
        assertThat(Verb.of("xfoo")).isEqualTo(Verb.of("XFOO")).hasSameHashCodeAs(Verb.of("XFOO"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MA IL", "MAİL", "MAIL:", "DATA\u0000", "ma\u00efl"})
    void verbsAreAsciiLettersDigitsAndHyphens(String verb) {
        assertThatThrownBy(() -> Verb.of(verb))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("verb \"" + verb + "\" has an invalid character at position ");
    }

    @Test
    void emptyVerbIsRejected() {
        assertThatThrownBy(() -> Command.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("verb is empty");
        assertThatThrownBy(() -> Command.parse(" FROM:<a@b>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("verb is empty");
    }

    @Test
    void toStringIsTheCommandLine() {
        assertThat(Command.of("mail", "FROM:<a@b>").toString()).isEqualTo("MAIL FROM:<a@b>");
        assertThat(Command.of("quit", "").toString()).isEqualTo("QUIT");
    }
}
