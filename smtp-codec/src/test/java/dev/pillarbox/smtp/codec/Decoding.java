package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Drives a {@link ServerDecoder} the way a server does: reads arrive as slices, the caller switches to DATA mode
 * after a {@code DATA} line and to BDAT mode after {@code BDAT n}, and after {@code STARTTLS} it discards the
 * decoder's state and the rest of the plaintext segment. Units are collected as comparable values: consecutive
 * {@link BodyChunk}s become one {@link Body} (copied out at once, as slices are valid only until the next call).
 */
final class Decoding {

    /** Body bytes, as ISO-8859-1 text so that failures print readably. */
    record Body(String bytes) {
        static Body of(String s) {
            return new Body(s);
        }
    }

    private Decoding() {
    }

    static List<Object> decode(Feeder feeder, CodecLimits limits, String... segments) {
        byte[][] bytes = new byte[segments.length][];
        for (int i = 0; i < segments.length; i++) {
            bytes[i] = segments[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return decode(feeder, new ServerDecoder(limits), bytes);
    }

    static List<Object> decode(Feeder feeder, String... segments) {
        return decode(feeder, CodecLimits.defaults(), segments);
    }

    /**
     * Feeds each segment in the feeder's slices. A segment is what the client sent on one side of a STARTTLS
     * boundary: after a STARTTLS line the rest of the current segment is thrown away.
     */
    static List<Object> decode(Feeder feeder, ServerDecoder decoder, byte[]... segments) {
        List<List<byte[]>> sliced = new ArrayList<>();
        for (byte[] segment : segments) {
            sliced.add(feeder.slices(segment));
        }
        return decodeSlices(decoder, sliced);
    }

    /** Feeds each segment's given slices; see {@link #decode(Feeder, ServerDecoder, byte[]...)}. */
    static List<Object> decodeSlices(ServerDecoder decoder, List<List<byte[]>> segments) {
        List<Object> units = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (List<byte[]> segment : segments) {
            boolean tls = false;
            for (byte[] slice : segment) {
                if (tls) {
                    break;
                }
                ByteBuffer in = ByteBuffer.wrap(slice);
                ServerInbound unit;
                while ((unit = decoder.decode(in)) != null) {
                    if (unit instanceof BodyChunk chunk) {
                        assertThat(chunk.data().isReadOnly()).isTrue();
                        body.writeBytes(chunk.toByteArray());
                        continue;
                    }
                    if (body.size() > 0) {
                        units.add(new Body(body.toString(StandardCharsets.ISO_8859_1)));
                        body.reset();
                    }
                    units.add(unit);
                    if (unit instanceof CommandLine line && steer(decoder, line)) {
                        tls = true;
                        break;
                    }
                }
                if (!tls) {
                    assertThat(in.hasRemaining()).as("decode returned null with input left").isFalse();
                }
            }
        }
        if (body.size() > 0) {
            units.add(new Body(body.toString(StandardCharsets.ISO_8859_1)));
        }
        return units;
    }

    /** Switches modes as a server would; true after STARTTLS. */
    private static boolean steer(ServerDecoder decoder, CommandLine line) {
        String text = line.text().toUpperCase(Locale.ROOT);
        if (text.equals("DATA")) {
            decoder.enterDataMode();
        } else if (text.startsWith("BDAT ")) {
            String[] parts = text.split(" ");
            decoder.enterBdatMode(Long.parseLong(parts[1]));
        } else if (text.equals("STARTTLS")) {
            decoder.discardBuffered();
            return true;
        }
        return false;
    }

    static CommandLine cmd(String text) {
        return new CommandLine(text);
    }

    static Body body(String bytes) {
        return new Body(bytes);
    }
}
