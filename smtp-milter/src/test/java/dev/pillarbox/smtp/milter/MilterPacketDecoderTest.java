package dev.pillarbox.smtp.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The packet codec under every split of its input: one cut anywhere, two cuts anywhere, one byte at a time. */
class MilterPacketDecoderTest {

    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("continue", List.of(MilterPacket.of((byte) 'c'))),
                Arguments.of("add header", List.of(MilterPacket.of('h', bytes("X-Spam\0yes\0")))),
                Arguments.of("negotiation reply", List.of(MilterPacket.of('O',
                        new byte[] {0, 0, 0, 6, 0, 0, 1, (byte) 0xff, 0, 0x1f, (byte) 0xf0, 0}))),
                Arguments.of("three in a row", List.of(
                        MilterPacket.of('p', new byte[0]),
                        MilterPacket.of('b', bytes("new body\r\n")),
                        MilterPacket.of('y', bytes("550 5.7.1 no\0")))),
                Arguments.of("data with NULs and high octets", List.of(
                        MilterPacket.of('m', new byte[] {0, 0, 0, 1, 'S', 0, (byte) 0xc3, (byte) 0xa9, 0}))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void decodesWhole(String name, List<MilterPacket> packets) throws Exception {
        assertThat(decode(wire(packets), List.of())).containsExactlyElementsOf(packets);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void decodesEveryOneCutSplit(String name, List<MilterPacket> packets) throws Exception {
        byte[] wire = wire(packets);
        for (int cut = 0; cut <= wire.length; cut++) {
            assertThat(decode(wire, List.of(cut))).as("cut at %d", cut).containsExactlyElementsOf(packets);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void decodesEveryTwoCutSplit(String name, List<MilterPacket> packets) throws Exception {
        byte[] wire = wire(packets);
        for (int a = 0; a <= wire.length; a++) {
            for (int b = a; b <= wire.length; b++) {
                assertThat(decode(wire, List.of(a, b))).as("cuts at %d and %d", a, b)
                        .containsExactlyElementsOf(packets);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void decodesOneByteAtATime(String name, List<MilterPacket> packets) throws Exception {
        byte[] wire = wire(packets);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < wire.length; i++) {
            cuts.add(i);
        }
        assertThat(decode(wire, cuts)).containsExactlyElementsOf(packets);
    }

    @org.junit.jupiter.api.Test
    void aFullBodyChunkPassesUnderEverySplitNearItsEdges() throws Exception {
        byte[] data = new byte[MilterSession.BODY_CHUNK];
        Arrays.fill(data, (byte) 'x');
        List<MilterPacket> packets = List.of(MilterPacket.of('b', data), MilterPacket.of((byte) 'c'));
        byte[] wire = wire(packets);
        for (int cut : new int[] {1, 4, 5, 6, 1000, wire.length - 7, wire.length - 6, wire.length - 5, wire.length - 1}) {
            assertThat(decode(wire, List.of(cut))).as("cut at %d", cut).containsExactlyElementsOf(packets);
        }
    }

    @org.junit.jupiter.api.Test
    void aPartialPacketIsKeptUntilTheRestArrives() throws Exception {
        MilterPacketDecoder decoder = new MilterPacketDecoder(100);
        assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {0, 0, 0, 3, 'h', 'a'}))).isNull();
        assertThat(decoder.inPacket()).isTrue();
        assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {'b'}))).isEqualTo(MilterPacket.of('h', bytes("ab")));
        assertThat(decoder.inPacket()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void lengthZeroIsAProtocolError() {
        MilterPacketDecoder decoder = new MilterPacketDecoder(100);
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {0, 0, 0, 0})))
                .isInstanceOf(MilterProtocolException.class)
                .hasMessage("bad packet length 0 (a packet has at least its command byte)");
    }

    @org.junit.jupiter.api.Test
    void lengthOverTheLimitIsAProtocolErrorBeforeAnyDataIsRead() {
        MilterPacketDecoder decoder = new MilterPacketDecoder(100);
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {0, 0, 0, 101})))
                .isInstanceOf(MilterProtocolException.class)
                .hasMessage("packet length 101 exceeds the limit of 100 octets");
        MilterPacketDecoder huge = new MilterPacketDecoder(Integer.MAX_VALUE);
        assertThatThrownBy(() -> huge.decode(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})))
                .hasMessage("packet length 4294967295 exceeds the limit of 2147483647 octets");
    }

    @org.junit.jupiter.api.Test
    void encodingPutsTheLengthOfCommandAndDataFirst() {
        assertThat(MilterPacket.of('D', bytes("Cj\0mx\0")).toBytes())
                .containsExactly(0, 0, 0, 7, 'D', 'C', 'j', 0, 'm', 'x', 0);
        assertThat(MilterPacket.of((byte) 'Q').toBytes()).containsExactly(0, 0, 0, 1, 'Q');
    }

    /** Feeds {@code wire} cut at {@code cuts}, collecting every packet; the buffer after each feed is empty. */
    private static List<MilterPacket> decode(byte[] wire, List<Integer> cuts) throws MilterProtocolException {
        MilterPacketDecoder decoder = new MilterPacketDecoder(1 << 20);
        List<MilterPacket> out = new ArrayList<>();
        int from = 0;
        List<Integer> ends = new ArrayList<>(cuts);
        ends.add(wire.length);
        for (int end : ends) {
            ByteBuffer in = ByteBuffer.wrap(Arrays.copyOfRange(wire, from, end));
            MilterPacket p;
            while ((p = decoder.decode(in)) != null) {
                out.add(p);
            }
            assertThat(in.hasRemaining()).isFalse();
            from = end;
        }
        assertThat(decoder.inPacket()).isFalse();
        return out;
    }

    private static byte[] wire(List<MilterPacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packets.forEach(p -> out.writeBytes(p.toBytes()));
        return out.toByteArray();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
