package dev.pillarbox.smtp.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The xtext encoding of RFC 3461 4. */
class XtextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plain|plain",
        "a+2Bb|a+b",
        "a+3Db|a=b",
        "+20lead|' lead'",
        "QQ+2B314159|QQ+314159"})
    void decodesAndEncodesBack(String xtext, String text) {
        assertThat(Xtext.decode(xtext)).isEqualTo(text);
        assertThat(Xtext.encode(text)).isEqualTo(xtext);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a+|\"+\" must be followed by two upper-case hex digits at position 2",
        "a+2|\"+\" must be followed by two upper-case hex digits at position 2",
        "a+2b|\"+\" must be followed by two upper-case hex digits at position 2",
        "a=b|character not allowed in xtext at position 2",
        "'a b'|character not allowed in xtext at position 2"})
    void invalidXtextSaysWhatAndWhere(String xtext, String message) {
        assertThatThrownBy(() -> Xtext.decode(xtext)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
