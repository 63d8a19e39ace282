package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 3463 enhanced status codes: parsing, validation messages and the registry texts. */
class EnhancedStatusCodeTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("2.0.0", 2, 0, 0),
                arguments("5.1.1", 5, 1, 1),
                arguments("4.7.12", 4, 7, 12),
                arguments("5.999.999", 5, 999, 999),
                arguments("2.1.10", 2, 1, 10));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valid")
    void parsesClassSubjectDetail(String text, int c, int s, int d) {
        EnhancedStatusCode code = EnhancedStatusCode.parse(text);

        assertThat(code.codeClass()).isEqualTo(c);
        assertThat(code.subject()).isEqualTo(s);
        assertThat(code.detail()).isEqualTo(d);
        assertThat(code.toString()).isEqualTo(text);
        assertThat(code).isEqualTo(EnhancedStatusCode.of(c, s, d)).hasSameHashCodeAs(EnhancedStatusCode.of(c, s, d));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("", "enhanced status code \"\" is not class.subject.detail (RFC 3463 section 2)"),
                arguments("5.1", "enhanced status code \"5.1\" is not class.subject.detail (RFC 3463 section 2)"),
                arguments("5.1.1.1", "enhanced status code \"5.1.1.1\" is not class.subject.detail (RFC 3463 section 2)"),
                arguments("3.0.0", "enhanced status code class 3 is not 2, 4 or 5 (RFC 3463 section 2)"),
                arguments("1.0.0", "enhanced status code class 1 is not 2, 4 or 5 (RFC 3463 section 2)"),
                arguments("55.1.1", "enhanced status code \"55.1.1\": class must be one digit"),
                arguments("5..1", "enhanced status code \"5..1\": subject must be 1 to 3 digits"),
                arguments("5.1.", "enhanced status code \"5.1.\": detail must be 1 to 3 digits"),
                arguments("5.1000.1", "enhanced status code \"5.1000.1\": subject must be 1 to 3 digits"),
                arguments("5.1.1000", "enhanced status code \"5.1.1000\": detail must be 1 to 3 digits"),
                arguments("5.01.1", "enhanced status code \"5.01.1\": subject \"01\" has a leading zero"),
                arguments("5.1.01", "enhanced status code \"5.1.01\": detail \"01\" has a leading zero"),
                arguments("5.a.1", "enhanced status code \"5.a.1\": subject \"a\" is not a number"),
                arguments("5.1.-1", "enhanced status code \"5.1.-1\": detail \"-1\" is not a number"),
                arguments("x.1.1", "enhanced status code \"x.1.1\": class \"x\" is not a number"),
                arguments(" 5.1.1", "enhanced status code \" 5.1.1\": class must be one digit"),
                arguments("5.1.1 ", "enhanced status code \"5.1.1 \": detail \"1 \" is not a number"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("invalid")
    void invalidFormsAreRejectedWithAClearMessage(String text, String message) {
        assertThatThrownBy(() -> EnhancedStatusCode.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void ofChecksRanges() {
        assertThatThrownBy(() -> EnhancedStatusCode.of(5, 1000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("enhanced status code subject 1000 is outside 0-999 (RFC 3463 section 2)");
        assertThatThrownBy(() -> EnhancedStatusCode.of(5, 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("enhanced status code detail -1 is outside 0-999 (RFC 3463 section 2)");
    }

    static Stream<Arguments> registryRanges() {
        // subject, highest detail covered
        return Stream.of(arguments(0, 0), arguments(1, 10), arguments(2, 4), arguments(3, 6), arguments(4, 7),
                arguments(5, 6), arguments(6, 10), arguments(7, 30));
    }

    @ParameterizedTest(name = "[{index}] X.{0}.0-X.{0}.{1}")
    @MethodSource("registryRanges")
    void registryCoversEveryDetailOfEachSubject(int subject, int maxDetail) {
        IntStream.rangeClosed(0, maxDetail).forEach(detail -> {
            EnhancedStatusCodes.Entry e = EnhancedStatusCodes.lookup(subject, detail).orElseThrow();
            assertThat(e.pattern()).isEqualTo("X." + subject + "." + detail);
            assertThat(e.title()).isNotBlank();
            assertThat(e.description()).isNotBlank().endsWith(".");
            assertThat(e.source()).matches("(RFC \\d+( [\\d.]+)?|IANA SMTP Enhanced Status Codes registry)");
        });
        assertThat(EnhancedStatusCodes.lookup(subject, maxDetail + 1)).isEmpty();
        assertThat(EnhancedStatusCodes.subjectTitle(subject)).isPresent();
    }

    static Stream<Arguments> titles() {
        return Stream.of(
                arguments("5.1.1", "Bad destination mailbox address"),
                arguments("4.2.2", "Mailbox full"),
                arguments("5.5.2", "Syntax error"),
                arguments("5.6.7", "Non-ASCII addresses not permitted for that sender/recipient"),
                arguments("5.7.1", "Delivery not authorized, message refused"),
                arguments("5.7.8", "Authentication credentials invalid"),
                arguments("4.7.0", "Other or undefined security status"),
                arguments("5.7.26", "Multiple authentication checks failed"),
                arguments("2.0.0", "Other undefined Status"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("titles")
    void registryTitles(String code, String title) {
        EnhancedStatusCode c = EnhancedStatusCode.parse(code);
        assertThat(c.title()).contains(title);
        assertThat(c.description()).isPresent();
    }

    @Test
    void unlistedCodesHaveNoText() {
        assertThat(EnhancedStatusCode.parse("5.9.9").title()).isEmpty();
        assertThat(EnhancedStatusCode.parse("5.1.99").description()).isEmpty();
        assertThat(EnhancedStatusCodes.subjectTitle(8)).isEmpty();
    }

    @Test
    void classAndSubjectNames() {
        assertThat(EnhancedStatusCodes.classTitle(2)).isEqualTo("Success");
        assertThat(EnhancedStatusCodes.classTitle(4)).isEqualTo("Persistent Transient Failure");
        assertThat(EnhancedStatusCodes.classTitle(5)).isEqualTo("Permanent Failure");
        assertThatThrownBy(() -> EnhancedStatusCodes.classTitle(3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(EnhancedStatusCodes.subjectTitle(1)).contains("Addressing Status");
        assertThat(EnhancedStatusCodes.subjectTitle(7)).contains("Security or Policy Status");
    }
}
