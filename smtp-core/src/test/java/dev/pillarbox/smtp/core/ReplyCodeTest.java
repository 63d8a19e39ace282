package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.pillarbox.smtp.core.ReplyCode.Category;
import dev.pillarbox.smtp.core.ReplyCode.Subject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reply codes: category and subject per RFC 5321 4.2.1, range checks. */
class ReplyCodeTest {

    static Stream<Arguments> codes() {
        return Stream.of(
                arguments(211, Category.POSITIVE_COMPLETION, Subject.INFORMATION, "2yz Positive Completion", "x1z Information"),
                arguments(220, Category.POSITIVE_COMPLETION, Subject.CONNECTIONS, "2yz Positive Completion", "x2z Connections"),
                arguments(250, Category.POSITIVE_COMPLETION, Subject.MAIL_SYSTEM, "2yz Positive Completion", "x5z Mail system"),
                arguments(334, Category.POSITIVE_INTERMEDIATE, Subject.UNSPECIFIED_3, "3yz Positive Intermediate", "x3z Unspecified"),
                arguments(354, Category.POSITIVE_INTERMEDIATE, Subject.MAIL_SYSTEM, "3yz Positive Intermediate", "x5z Mail system"),
                arguments(421, Category.TRANSIENT_NEGATIVE, Subject.CONNECTIONS, "4yz Transient Negative Completion", "x2z Connections"),
                arguments(432, Category.TRANSIENT_NEGATIVE, Subject.UNSPECIFIED_3, "4yz Transient Negative Completion", "x3z Unspecified"),
                arguments(445, Category.TRANSIENT_NEGATIVE, Subject.UNSPECIFIED_4, "4yz Transient Negative Completion", "x4z Unspecified"),
                arguments(500, Category.PERMANENT_NEGATIVE, Subject.SYNTAX, "5yz Permanent Negative Completion", "x0z Syntax"),
                arguments(299, Category.POSITIVE_COMPLETION, Subject.UNDEFINED_9, "2yz Positive Completion", "x9z Undefined"),
                arguments(561, Category.PERMANENT_NEGATIVE, Subject.UNDEFINED_6, "5yz Permanent Negative Completion", "x6z Undefined"),
                arguments(599, Category.PERMANENT_NEGATIVE, Subject.UNDEFINED_9, "5yz Permanent Negative Completion", "x9z Undefined"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("codes")
    void categoryFromFirstDigitSubjectFromSecond(int value, Category category, Subject subject, String categoryLabel,
            String subjectLabel) {
        ReplyCode code = ReplyCode.of(value);

        assertThat(code.value()).isEqualTo(value);
        assertThat(code.category()).isEqualTo(category);
        assertThat(code.subject()).isEqualTo(subject);
        assertThat(code.category().label()).isEqualTo(categoryLabel);
        assertThat(code.subject().label()).isEqualTo(subjectLabel);
        assertThat(code.toString()).isEqualTo(Integer.toString(value));
        assertThat(ReplyCode.parse(Integer.toString(value))).isSameAs(code);
        assertThat(code.isPositive()).isEqualTo(value < 400);
        assertThat(code.isNegative()).isEqualTo(value >= 400);
        assertThat(code.isTransient()).isEqualTo(value / 100 == 4);
        assertThat(code.isPermanent()).isEqualTo(value / 100 == 5);
    }

    @Test
    void unknownButValidCodeHasNoInfo() {
        assertThat(ReplyCode.of(299).info()).isEmpty();
        assertThat(ReplyCode.of(354).info()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 199, 600, 999, -250})
    void codesOutside200To599AreRejected(int value) {
        assertThatThrownBy(() -> ReplyCode.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reply code " + value + " is outside 200-599 (RFC 5321 4.2: first digit 2, 3, 4 or 5)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "25", "2500", "25a", " 250", "+25", "２５０"})
    void parseNeedsThreeAsciiDigits(String text) {
        assertThatThrownBy(() -> ReplyCode.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reply code \"" + text + "\" is not three digits");
    }

    @Test
    void codesOrderByValue() {
        assertThat(ReplyCode.of(250)).isLessThan(ReplyCode.of(354));
        assertThat(ReplyCode.of(250)).isEqualTo(ReplyCode.parse("250"));
    }
}
