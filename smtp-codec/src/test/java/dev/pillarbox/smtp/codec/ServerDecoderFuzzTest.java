package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Feeds arbitrary bytes in arbitrary slices: the decoder never throws, never emits a command line longer than
 * the limit, never leaves input unread when it asks for more, and always recovers: after the garbage and a CRLF,
 * a following {@code NOOP} is decoded as a command.
 *
 * <p>These properties run with jqwik's default of 1000 tries (a few seconds). For a long run, raise the default
 * (these are the only properties without explicit tries):
 * {@code mvn -o -pl smtp-codec test -Dtest=ServerDecoderFuzzTest -Djqwik.tries.default=1000000}
 */
class ServerDecoderFuzzTest {

    private static final CodecLimits SMALL = CodecLimits.defaults().withCommandLine(64).withAuthLine(64)
            .withTextLine(40).withMaxMessageSize(500);

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) '.', (byte) '\r', (byte) '\n', (byte) 'A', (byte) 0,
                (byte) 0x80, (byte) 0xc3, (byte) ' ', (byte) '\t');
        return Arbitraries.frequencyOf(Tuple.of(3, interesting), Tuple.of(2, Arbitraries.bytes()))
                .list().ofMaxSize(400)
                .map(list -> {
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = list.get(i);
                    }
                    return bytes;
                });
    }

    @Provide
    Arbitrary<List<Integer>> sliceSizes() {
        return Arbitraries.integers().between(1, 70).list().ofMinSize(1).ofMaxSize(20);
    }

    @Property
    void commandModeSurvivesAnyBytes(@ForAll("garbage") byte[] garbage, @ForAll("sliceSizes") List<Integer> sizes,
            @ForAll boolean smallLimits) {
        CodecLimits limits = smallLimits ? SMALL : CodecLimits.defaults();
        List<ServerInbound> units = feed(new ServerDecoder(limits), garbage, "\r\nNOOP\r\n", sizes, false);
        for (ServerInbound unit : units) {
            if (unit instanceof CommandLine line) {
                assertThat(line.text().getBytes(StandardCharsets.UTF_8).length + 2)
                        .isLessThanOrEqualTo(limits.commandLine());
                assertThat(line.text()).doesNotContain("\r", "\n", "\u0000");
            }
        }
        assertThat(units.get(units.size() - 1)).isEqualTo(new CommandLine("NOOP"));
    }

    @Property
    void dataModeSurvivesAnyBytes(@ForAll("garbage") byte[] garbage, @ForAll("sliceSizes") List<Integer> sizes,
            @ForAll boolean smallLimits, @ForAll LineEndingPolicy lineEndings, @ForAll LongLinePolicy longLines) {
        CodecLimits limits = (smallLimits ? SMALL : CodecLimits.defaults()).withLineEndings(lineEndings)
                .withLongLines(longLines);
        ServerDecoder decoder = new ServerDecoder(limits);
        decoder.enterDataMode();
        List<ServerInbound> units = feed(decoder, garbage, "\r\n.\r\n\r\nNOOP\r\n", sizes, true);
        assertThat(units.get(units.size() - 1)).isEqualTo(new CommandLine("NOOP"));
        assertThat(units).filteredOn(EndOfBody.class::isInstance).hasSize(1);
        long delivered = 0;
        for (ServerInbound unit : units) {
            if (unit instanceof EndOfBody end) {
                assertThat(end.size()).isEqualTo(delivered).isLessThanOrEqualTo(limits.maxMessageSize());
                break;
            }
            if (unit instanceof BodyChunk chunk) {
                delivered += chunk.length();
            }
        }
    }

    /** Feeds garbage then tail in the given slice sizes (cycled); checks the decode contract on the way. */
    private static List<ServerInbound> feed(ServerDecoder decoder, byte[] garbage, String tail, List<Integer> sizes,
            boolean data) {
        byte[] tailBytes = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[garbage.length + tailBytes.length];
        System.arraycopy(garbage, 0, all, 0, garbage.length);
        System.arraycopy(tailBytes, 0, all, garbage.length, tailBytes.length);
        List<ServerInbound> units = new ArrayList<>();
        int at = 0;
        int k = 0;
        while (at < all.length) {
            int n = Math.min(all.length - at, sizes.get(k++ % sizes.size()));
            ByteBuffer in = ByteBuffer.wrap(all, at, n).slice();
            ServerInbound unit;
            while ((unit = decoder.decode(in)) != null) {
                units.add(unit);
            }
            assertThat(in.hasRemaining()).isFalse();
            at += n;
        }
        return units;
    }
}
