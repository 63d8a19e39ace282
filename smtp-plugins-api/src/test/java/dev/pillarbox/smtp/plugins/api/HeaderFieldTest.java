package dev.pillarbox.smtp.plugins.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderFieldTest {

    private static String rendered(String name, String value) {
        return new String(HeaderField.of(name, value).render(), StandardCharsets.UTF_8);
    }

    @Test
    void aShortFieldIsOneLine() {
        assertThat(rendered("X-Spam-Score", "1.5")).isEqualTo("X-Spam-Score: 1.5\r\n");
        assertThat(rendered("X-Empty", "")).isEqualTo("X-Empty:\r\n");
    }

    @Test
    void aLongValueIsFoldedBeforeWhitespaceAndUnfoldsToItself() {
        String value = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho"
                + " sigma tau upsilon phi chi psi omega";
        String field = rendered("X-Greek", value);
        for (String line : field.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(field.split("\r\n")[1]).startsWith(" ");
        assertThat(field.replace("\r\n ", " ")).isEqualTo("X-Greek: " + value + "\r\n");
    }

    @Test
    void aWordLongerThanALineIsNeverSplit() {
        String word = "x".repeat(100);
        assertThat(rendered("X-Token", word)).isEqualTo("X-Token: " + word + "\r\n");
        assertThat(rendered("X-Token", "a " + word)).isEqualTo("X-Token: a\r\n " + word + "\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "X Bad | name \"X Bad\" may only have printable US-ASCII characters other than ':' (RFC 5322 2.2)",
        "X:Bad | name \"X:Bad\" may only have printable US-ASCII characters other than ':' (RFC 5322 2.2)",
        "Xé | name \"Xé\" may only have printable US-ASCII characters other than ':' (RFC 5322 2.2)",
    })
    void badNamesAreRefused(String name, String message) {
        assertThatThrownBy(() -> HeaderField.of(name, "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header field " + message);
    }

    @Test
    void valuesCannotCarryLineBreaksOrControls() {
        assertThatThrownBy(() -> HeaderField.of("X-A", "a\r\nBcc: b@example.net"))
                .hasMessage("the value of header field X-A has a CR or LF: give it unfolded, the server folds it");
        assertThatThrownBy(() -> HeaderField.of("X-A", "a\nb")).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> HeaderField.of("X-A", "a\u0001b")).hasMessageContaining("control character 0x1");
        assertThat(rendered("X-Tab", "a\tb")).isEqualTo("X-Tab: a\tb\r\n");
        assertThat(HeaderField.of("subject", "x").hasName("Subject")).isTrue();
    }

    @Test
    void aPluginSettingNeedsAKey() {
        assertThat(PluginSetting.required("url", "where")).extracting(PluginSetting::defaultValue)
                .isEqualTo(PluginSetting.REQUIRED);
        assertThatThrownBy(() -> PluginSetting.of(" ", "1", "d")).hasMessage("a plugin setting needs a key");
    }
}
