package dev.pillarbox.smtp.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header values on their way to a filter and back: leading space, folding, octets kept. */
class HeaderFieldTest {

    @ParameterizedTest(name = "{0} leadspc={1}")
    @CsvSource(delimiter = '|', value = {
            // value after the colon    | SMFIP_HDR_LEADSPC | what the filter gets
            "' hello'                   | false | 'hello'",
            "' hello'                   | true  | ' hello'",
            "'  two spaces'             | false | ' two spaces'",
            "'\\ttab first'             | false | '\\ttab first'",
            "'no space'                 | false | 'no space'",
            "' folded\\r\\n\\tline two' | false | 'folded\\n\\tline two'",
            "' folded\\r\\n line two'   | true  | ' folded\\n line two'",
            "''                         | false | ''",
    })
    void valuesGoToTheFilterAsSendmailSendsThem(String value, boolean leadingSpace, String expected) {
        HeaderField field = HeaderField.of("Subject", unescape(value));
        assertThat(new String(field.toFilter(leadingSpace), StandardCharsets.UTF_8)).isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "{0} add space={1}")
    @CsvSource(delimiter = '|', value = {
            // from the filter          | add leading space | value after the colon
            "'spam'                     | true  | ' spam'",
            "' spam'                    | false | ' spam'",
            "''                         | true  | ' '",
            "'first\\n\\tsecond'        | true  | ' first\\r\\n\\tsecond'",
            "'first\\r\\n second'       | true  | ' first\\r\\n second'",
    })
    void valuesFromTheFilterBecomeFieldsAsPostfixWritesThem(String wire, boolean addSpace, String expected)
            throws Exception {
        HeaderField field = HeaderField.fromFilter("X-Test", unescape(wire).getBytes(StandardCharsets.UTF_8), addSpace);
        assertThat(field.value()).isEqualTo(unescape(expected));
        assertThat(new String(field.toBytes(), StandardCharsets.UTF_8)).isEqualTo("X-Test:" + unescape(expected) + "\r\n");
    }

    @Test
    void aLineBreakWithoutFoldingWhiteSpaceIsAProtocolError() {
        assertThatThrownBy(() -> HeaderField.fromFilter("X-Test", "one\ntwo".getBytes(StandardCharsets.UTF_8), true))
                .isInstanceOf(MilterProtocolException.class)
                .hasMessage("header field X-Test: value has a line break that is not followed by a space or tab "
                        + "(RFC 5322 2.2.3)");
    }

    @Test
    void aFieldNameOutsideFtextIsAProtocolError() {
        assertThatThrownBy(() -> HeaderField.fromFilter("X Test", new byte[0], true))
                .isInstanceOf(MilterProtocolException.class)
                .hasMessage("header field name \"X Test\" has a character outside RFC 5322 ftext at index 1");
        assertThatThrownBy(() -> HeaderField.fromFilter("", new byte[0], true)).hasMessage("empty header field name");
    }

    @Test
    void octetsThatAreNotUtf8PassThroughUnchanged() {
        byte[] latin1 = {' ', 'c', 'a', 'f', (byte) 0xe9};
        HeaderField field = HeaderField.received("Subject", latin1);
        assertThat(field.valueBytes()).containsExactly(latin1);
        assertThat(field.toFilter(true)).containsExactly(latin1);
        assertThat(field.toFilter(false)).containsExactly('c', 'a', 'f', (byte) 0xe9);
    }

    @Test
    void namesCompareWithoutCase() {
        assertThat(HeaderField.of("DKIM-Signature", " v=1").hasName("dkim-signature")).isTrue();
        assertThat(HeaderField.of("Subject", " a\r\n b").unfoldedValue()).isEqualTo("a b");
    }

    static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }
}
