package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exhaustive companion of {@link DotStuffingRoundTripTest}'s random cuts: for a seeded table of bodies (dots at
 * line starts, a lone {@code .} line, CR and LF in every position), client-side dot-stuffing then server-side
 * decoding gives the same units for the whole input and for <em>every</em> split of it into two and into three
 * slices, under both line-ending policies.
 */
class EverySplitRoundTripTest {

    private static final CodecLimits STRICT = CodecLimits.defaults();
    private static final CodecLimits LENIENT = STRICT.withLineEndings(LineEndingPolicy.LENIENT_BODY);
    private static final byte[] ALPHABET = {'.', '.', '\r', '\n', 'a', 0, (byte) 0xff};

    static Stream<String> bodies() {
        List<String> bodies = new ArrayList<>(List.of("", ".", "..", ".\r\n", "\r\n.\r\n", "a\r\n.\r\nb",
                "\r\n..\r\n.", "\r", "\n", "\r\n.", ".\n.\r.", "a\n.\nMAIL FROM:<x@y>\r\n"));
        Random random = new Random(5321);
        for (int i = 0; i < 40; i++) {
            byte[] body = new byte[random.nextInt(28)];
            for (int j = 0; j < body.length; j++) {
                body[j] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            bodies.add(new String(body, StandardCharsets.ISO_8859_1));
        }
        return bodies.stream();
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void normalisedBodyGivesTheSameUnitsForEverySplitUnderStrict(String body) {
        byte[] raw = body.getBytes(StandardCharsets.ISO_8859_1);
        byte[] wire = DotStuffingRoundTripTest.wire(DotStuffer.stuffWhole(raw, true));
        List<Object> whole = decode(STRICT, List.of(wire));
        assertThat(whole.get(whole.size() - 1)).isEqualTo(new CommandLine("NOOP"));
        assertThat(whole).filteredOn(EndOfBody.class::isInstance).hasSize(1);
        assertThat(whole).noneMatch(BareLineEnding.class::isInstance);
        assertEverySplitGives(STRICT, wire, whole);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void rawBodyRoundTripsForEverySplitUnderLenient(String body) {
        byte[] raw = body.getBytes(StandardCharsets.ISO_8859_1);
        byte[] wire = DotStuffingRoundTripTest.wire(DotStuffer.stuffWhole(raw, false));
        List<Object> whole = decode(LENIENT, List.of(wire));
        String expectedBody = raw.length == 0 || body.endsWith("\r\n") ? body : body + "\r\n";
        List<Object> expected = new ArrayList<>();
        expected.add(new CommandLine("DATA"));
        if (!expectedBody.isEmpty()) {
            expected.add(new Decoding.Body(expectedBody));
        }
        expected.add(new EndOfBody(expectedBody.length()));
        expected.add(new CommandLine("NOOP"));
        assertThat(whole).isEqualTo(expected);
        assertEverySplitGives(LENIENT, wire, whole);
    }

    private static void assertEverySplitGives(CodecLimits limits, byte[] wire, List<Object> expected) {
        int n = wire.length;
        for (int a = 0; a <= n; a++) {
            assertThat(decode(limits, List.of(Arrays.copyOfRange(wire, 0, a), Arrays.copyOfRange(wire, a, n))))
                    .as("split at %d", a).isEqualTo(expected);
            for (int b = a; b <= n; b++) {
                assertThat(decode(limits, List.of(Arrays.copyOfRange(wire, 0, a), Arrays.copyOfRange(wire, a, b),
                        Arrays.copyOfRange(wire, b, n)))).as("split at %d and %d", a, b).isEqualTo(expected);
            }
        }
    }

    private static List<Object> decode(CodecLimits limits, List<byte[]> slices) {
        return Decoding.decodeSlices(new ServerDecoder(limits), List.of(slices));
    }
}
