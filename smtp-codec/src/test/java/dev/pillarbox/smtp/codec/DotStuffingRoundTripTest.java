package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Client-side dot-stuffing followed by server-side decoding restores the body exactly (plus the CRLF the client
 * adds when a body does not end with one, RFC 5321 4.1.1.4), for bodies full of dots, CRs and LFs in every
 * position, and every split of the wire bytes into two or three reads yields the same units.
 */
class DotStuffingRoundTripTest {

    private static final CodecLimits STRICT = CodecLimits.defaults().withMaxMessageSize(Long.MAX_VALUE);
    private static final CodecLimits LENIENT = STRICT.withLineEndings(LineEndingPolicy.LENIENT_BODY);

    @Provide
    Arbitrary<byte[]> bodies() {
        return bodyBytes();
    }

    /** Bodies of up to 300 bytes, mostly dots, CRs, LFs and a few other interesting bytes. */
    static Arbitrary<byte[]> bodyBytes() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) '.', (byte) '\r', (byte) '\n', (byte) 'a', (byte) 0,
                (byte) 0xff, (byte) ' ');
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, interesting), net.jqwik.api.Tuple.of(1, any))
                .list().ofMaxSize(300)
                .map(list -> {
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = list.get(i);
                    }
                    return bytes;
                });
    }

    @Property(tries = 1000)
    void normalisedBodyRoundTripsUnderStrict(@ForAll("bodies") byte[] body, @ForAll @IntRange(max = 400) int cut1,
            @ForAll @IntRange(max = 400) int cut2) {
        byte[] wire = wire(DotStuffer.stuffWhole(body, true));
        List<Object> expected = expected(terminated(normalise(body)));
        assertThat(decodeWhole(STRICT, wire)).isEqualTo(expected);
        assertThat(decodeSplit(STRICT, wire, cut1, cut2)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void rawBodyRoundTripsUnderLenient(@ForAll("bodies") byte[] body, @ForAll @IntRange(max = 400) int cut1,
            @ForAll @IntRange(max = 400) int cut2) {
        byte[] wire = wire(DotStuffer.stuffWhole(body, false));
        List<Object> expected = expected(terminated(body));
        assertThat(decodeWhole(LENIENT, wire)).isEqualTo(expected);
        assertThat(decodeSplit(LENIENT, wire, cut1, cut2)).isEqualTo(expected);
    }

    @Property(tries = 500)
    void rawBodyWithBareLfUnderStrictIsReportedThenEnds(@ForAll("bodies") byte[] body,
            @ForAll @IntRange(max = 400) int cut1, @ForAll @IntRange(max = 400) int cut2) {
        byte[] withBareLf = Arrays.copyOf(body, body.length + 3);
        withBareLf[body.length] = 'x';
        withBareLf[body.length + 1] = '\n'; // guaranteed bare: preceded by 'x'
        withBareLf[body.length + 2] = 'y';
        byte[] wire = wire(DotStuffer.stuffWhole(withBareLf, false));
        List<Object> units = decodeWhole(STRICT, wire);
        assertThat(units).contains(new BareLineEnding(ServerDecoder.Mode.DATA));
        assertThat(units.get(units.size() - 2)).isInstanceOf(EndOfBody.class);
        assertThat(units.get(units.size() - 1)).isEqualTo(new CommandLine("NOOP"));
        assertThat(units.indexOf(new BareLineEnding(ServerDecoder.Mode.DATA))).isLessThan(units.size() - 2);
        assertThat(units).filteredOn(EndOfBody.class::isInstance).hasSize(1);
        assertThat(decodeSplit(STRICT, wire, cut1, cut2)).isEqualTo(units);
    }

    /** {@code DATA}, the stuffed body, then {@code NOOP}: what the decoder sees from a client. */
    static byte[] wire(byte[] stuffed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(stuffed);
        out.writeBytes("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static List<Object> expected(byte[] body) {
        List<Object> units = new ArrayList<>();
        units.add(new CommandLine("DATA"));
        if (body.length > 0) {
            units.add(new Decoding.Body(new String(body, StandardCharsets.ISO_8859_1)));
        }
        units.add(new EndOfBody(body.length));
        units.add(new CommandLine("NOOP"));
        return units;
    }

    /** Bare CR, bare LF and CRLF all become CRLF: an independent statement of DotStuffer's normalisation. */
    private static byte[] normalise(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\r' && i + 1 < body.length && body[i + 1] == '\n') {
                i++;
            }
            if (body[i] == '\r' || body[i] == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(body[i]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] terminated(byte[] body) {
        int n = body.length;
        if (n == 0 || (n >= 2 && body[n - 2] == '\r' && body[n - 1] == '\n')) {
            return body;
        }
        byte[] out = Arrays.copyOf(body, n + 2);
        out[n] = '\r';
        out[n + 1] = '\n';
        return out;
    }

    private static List<Object> decodeWhole(CodecLimits limits, byte[] wire) {
        return Decoding.decode(Feeder.WHOLE, new ServerDecoder(limits), wire);
    }

    private static List<Object> decodeSplit(CodecLimits limits, byte[] wire, int cut1, int cut2) {
        int a = Math.min(cut1, wire.length);
        int b = Math.min(Math.max(a, cut2), wire.length);
        List<byte[]> slices = List.of(Arrays.copyOfRange(wire, 0, a), Arrays.copyOfRange(wire, a, b),
                Arrays.copyOfRange(wire, b, wire.length));
        return Decoding.decodeSlices(new ServerDecoder(limits), List.of(slices));
    }

    @Property(tries = 200)
    void stuffingAcrossChunksEqualsStuffingWhole(@ForAll("bodies") byte[] body, @ForAll @IntRange(max = 300) int cut,
            @ForAll boolean normalise) {
        int at = Math.min(cut, body.length);
        DotStuffer stuffer = new DotStuffer(normalise);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(stuffer.stuff(ByteBuffer.wrap(body, 0, at)));
        out.writeBytes(stuffer.stuff(ByteBuffer.wrap(body, at, body.length - at)));
        out.writeBytes(stuffer.finish());
        assertThat(out.toByteArray()).isEqualTo(DotStuffer.stuffWhole(body, normalise));
    }
}
