package dev.pillarbox.smtp.codec;

import static dev.pillarbox.smtp.codec.Decoding.cmd;
import static dev.pillarbox.smtp.codec.Decoding.decode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SMTP smuggling (2023): a sender hides a second message behind an end-of-data sequence that one server honours
 * and another does not. Only CRLF.CRLF ends a message here (RFC 5321 4.1.1.4). Each variant is followed by an
 * injected {@code MAIL FROM}, then the real terminator: exactly one {@link EndOfBody}, at the real terminator,
 * no injected command, and under the strict policy a {@link BareLineEnding} first.
 */
class SmtpSmugglingTest {

    private static final String INJECTED = "MAIL FROM:<evil@x>\r\nRCPT TO:<victim@y>\r\nDATA\r\nforged\r\n";
    private static final CodecLimits LENIENT = CodecLimits.defaults().withLineEndings(LineEndingPolicy.LENIENT_BODY);

    private static void assertSmuggled(Feeder feeder, String fakeEnd, boolean bareLineEnding) {
        String input = "DATA\r\nreal body" + fakeEnd + INJECTED + "\r\n.\r\nQUIT\r\n";
        for (CodecLimits limits : List.of(CodecLimits.defaults(), LENIENT)) {
            List<Object> units = decode(feeder, limits, input);
            assertThat(units).filteredOn(EndOfBody.class::isInstance).hasSize(1);
            assertThat(units).doesNotContain(cmd("MAIL FROM:<evil@x>"), cmd("RCPT TO:<victim@y>"));
            assertThat(units.get(0)).isEqualTo(cmd("DATA"));
            assertThat(units.get(units.size() - 1)).isEqualTo(cmd("QUIT"));
            assertThat(units.get(units.size() - 2)).isInstanceOf(EndOfBody.class);
            boolean strict = limits.lineEndings() == LineEndingPolicy.STRICT;
            if (strict && bareLineEnding) {
                assertThat(units).contains(new BareLineEnding(ServerDecoder.Mode.DATA));
                assertThat(units.indexOf(new BareLineEnding(ServerDecoder.Mode.DATA)))
                        .isLessThan(units.size() - 2);
            } else {
                assertThat(units).noneMatch(BareLineEnding.class::isInstance);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void lfDotLfDoesNotEndMessage(Feeder feeder) {
        assertSmuggled(feeder, "\n.\n", true);
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void lfDotCrlfDoesNotEndMessage(Feeder feeder) {
        assertSmuggled(feeder, "\n.\r\n", true);
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void crDotCrDoesNotEndMessage(Feeder feeder) {
        assertSmuggled(feeder, "\r.\r", true);
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void crlfDotLfDoesNotEndMessage(Feeder feeder) {
        assertSmuggled(feeder, "\r\n.\n", true);
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void crlfDotCrDoesNotEndMessage(Feeder feeder) {
        assertSmuggled(feeder, "\r\n.\r", true);
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void crDotLfDoesNotEndMessage(Feeder feeder) {
        assertSmuggled(feeder, "\r.\n", true);
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void crDotCrlfDoesNotEndMessage(Feeder feeder) {
        assertSmuggled(feeder, "\r.\r\n", true);
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void crlfDotNulCrlfDoesNotEndMessage(Feeder feeder) {
        // the NUL makes the line ".<NUL>", a stuffed dot followed by data: no bare line ending at all
        assertSmuggled(feeder, "\r\n.\u0000\r\n", false);
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void crlfDotSpaceCrlfDoesNotEndMessage(Feeder feeder) {
        assertSmuggled(feeder, "\r\n. \r\n", false);
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void crlfDotDotCrlfDoesNotEndMessage(Feeder feeder) {
        assertSmuggled(feeder, "\r\n..\r\n", false);
    }
}
