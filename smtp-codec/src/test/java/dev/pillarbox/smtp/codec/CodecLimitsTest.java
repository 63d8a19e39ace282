package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodecLimitsTest {

    @Test
    void defaultsFollowRfc5321() {
        assertThat(CodecLimits.defaults()).isEqualTo(new CodecLimits(512, 12288, 1000, 10485760,
                LongLinePolicy.ACCEPT, LineEndingPolicy.STRICT));
    }

    @Test
    void withMethodsReplaceOneComponent() {
        CodecLimits limits = CodecLimits.defaults().withCommandLine(1000).withAuthLine(20000).withTextLine(2000)
                .withMaxMessageSize(5).withLongLines(LongLinePolicy.REJECT)
                .withLineEndings(LineEndingPolicy.LENIENT_BODY);
        assertThat(limits).isEqualTo(new CodecLimits(1000, 20000, 2000, 5, LongLinePolicy.REJECT,
                LineEndingPolicy.LENIENT_BODY));
    }

    @Test
    void invalidLimitsAreRefused() {
        assertThatThrownBy(() -> CodecLimits.defaults().withCommandLine(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commandLine limit 5 is below 6 octets (a four-letter verb and CRLF)");
        assertThatThrownBy(() -> CodecLimits.defaults().withAuthLine(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("authLine limit 100 is below the commandLine limit 512");
        assertThatThrownBy(() -> CodecLimits.defaults().withTextLine(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("textLine limit 2 is below 3 octets");
        assertThatThrownBy(() -> CodecLimits.defaults().withMaxMessageSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxMessageSize 0 is not positive");
    }
}
