package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.Command;
import java.io.ByteArrayOutputStream;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The allocation-free forms of the client encoders ({@link DotStuffer#stuff(ByteBuffer, ByteBuffer)},
 * {@link CommandEncoder#encode(Command, ByteBuffer)}, {@link CommandEncoder#endBody(ByteBuffer)}) write exactly what
 * the array-returning forms return, whatever the sizes of the buffers they are given.
 */
class StreamingEncodeTest {

    @Provide
    Arbitrary<byte[]> bodies() {
        return DotStuffingRoundTripTest.bodyBytes();
    }

    @Property(tries = 1000)
    void stuffingThroughSmallBuffersEqualsStuffingWhole(@ForAll("bodies") byte[] body,
            @ForAll @IntRange(min = 1, max = 40) int inSize, @ForAll @IntRange(min = 2, max = 40) int outSize,
            @ForAll boolean normalise, @ForAll boolean direct) {
        DotStuffer stuffer = new DotStuffer(normalise);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteBuffer out = direct ? ByteBuffer.allocateDirect(outSize) : ByteBuffer.allocate(outSize);
        for (int at = 0; at < body.length; at += inSize) {
            ByteBuffer in = ByteBuffer.wrap(body, at, Math.min(inSize, body.length - at));
            while (in.hasRemaining()) {
                int before = in.remaining();
                stuffer.stuff(in, out);
                assertThat(in.remaining()).as("progress with %s octets of room", outSize).isLessThan(before);
                drain(out, wire);
            }
        }
        ByteBuffer end = ByteBuffer.allocate(DotStuffer.MAX_TERMINATOR);
        stuffer.finish(end);
        drain(end, wire);
        assertThat(wire.toByteArray()).isEqualTo(DotStuffer.stuffWhole(body, normalise));
    }

    @Test
    void stuffingStopsWhenFewerThanTwoOctetsOfRoomAreLeft() {
        DotStuffer stuffer = new DotStuffer(true);
        ByteBuffer in = ByteBuffer.wrap("ab\n.c".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer out = ByteBuffer.allocate(5);
        stuffer.stuff(in, out);
        // "ab" then the LF needs two octets (CRLF) and fits; the dot then would need two more
        assertThat(new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII)).isEqualTo("ab\r\n");
        assertThat(in.remaining()).isEqualTo(2);
    }

    @Test
    void finishIntoATooSmallBufferWritesNothingAndKeepsTheState() {
        DotStuffer stuffer = new DotStuffer();
        stuffer.stuff(ByteBuffer.wrap(new byte[] {'x'}), ByteBuffer.allocate(4));
        ByteBuffer small = ByteBuffer.allocate(4);
        assertThatThrownBy(() -> stuffer.finish(small)).isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isZero();
        assertThat(stuffer.finish()).isEqualTo("\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUIT", "MAIL FROM:<a@b.example> SIZE=1024", "RCPT TO:<jürgen@例え.jp>", "DATA",
        "EHLO [127.0.0.1]"})
    void commandIntoABufferEqualsTheArrayForm(String line) {
        Command command = Command.parse(line);
        ByteBuffer out = ByteBuffer.allocate(100);
        out.put((byte) '#');
        new CommandEncoder().encode(command, out);
        byte[] expected = new CommandEncoder().encode(command);
        assertThat(out.position()).isEqualTo(1 + expected.length);
        byte[] written = new byte[expected.length];
        out.flip().position(1);
        out.get(written);
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void commandThatDoesNotFitWritesNothing() {
        ByteBuffer out = ByteBuffer.allocate(10);
        assertThatThrownBy(() -> new CommandEncoder().encode(Command.of("MAIL", "FROM:<a@b.example>"), out))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(out.position()).isZero();
    }

    @Test
    void commandIntoABufferIsCheckedLikeTheArrayForm() {
        CommandEncoder encoder = new CommandEncoder();
        ByteBuffer out = ByteBuffer.allocate(100);
        assertThatThrownBy(() -> encoder.encode(Command.of("MAIL", "FROM:<a@b>\r\nRCPT TO:<x@y>"), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("command argument contains CR or LF");
        encoder.startBody();
        assertThatThrownBy(() -> encoder.encode(Command.of("NOOP", ""), out))
                .isInstanceOf(IllegalStateException.class).hasMessage("command NOOP inside DATA body");
        assertThat(out.position()).isZero();
        encoder.encode(Command.of("RSET", ""), out);
        assertThat(encoder.inBody()).isFalse();
    }

    @Test
    void bodyAndTerminatorIntoBuffers() {
        CommandEncoder encoder = new CommandEncoder(true);
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThatThrownBy(() -> encoder.body(ByteBuffer.wrap(new byte[] {'x'}), out))
                .isInstanceOf(IllegalStateException.class).hasMessage("body chunk outside DATA");
        encoder.startBody();
        encoder.body(ByteBuffer.wrap(".hi\nthere".getBytes(StandardCharsets.US_ASCII)), out);
        ByteBuffer tight = ByteBuffer.allocate(4);
        assertThatThrownBy(() -> encoder.endBody(tight)).isInstanceOf(BufferOverflowException.class);
        assertThat(encoder.inBody()).isTrue();
        encoder.endBody(out);
        assertThat(encoder.inBody()).isFalse();
        assertThat(new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII))
                .isEqualTo("..hi\r\nthere\r\n.\r\n");
    }

    private static void drain(ByteBuffer out, ByteArrayOutputStream wire) {
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        wire.writeBytes(bytes);
        out.clear();
    }
}
