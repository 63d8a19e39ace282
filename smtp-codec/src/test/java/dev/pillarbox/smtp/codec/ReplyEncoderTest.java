package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.EnhancedStatusCode;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReplyCode;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyEncoderTest {

    private static String wire(Reply reply) {
        return new String(ReplyEncoder.encode(reply), StandardCharsets.UTF_8);
    }

    @Test
    void singleLine() {
        assertThat(wire(Reply.of(250, "OK"))).isEqualTo("250 OK\r\n");
    }

    @Test
    void enhancedCodeOnEveryLine() {
        Reply reply = Reply.multiline(ReplyCode.of(550), EnhancedStatusCode.of(5, 1, 1), List.of("No such", "user"));
        assertThat(wire(reply)).isEqualTo("550-5.1.1 No such\r\n550 5.1.1 user\r\n");
    }

    @Test
    void multilineEhlo() {
        assertThat(wire(Reply.multiline(250, List.of("mx.example", "PIPELINING", "SIZE 10240000"))))
                .isEqualTo("250-mx.example\r\n250-PIPELINING\r\n250 SIZE 10240000\r\n");
    }

    @Test
    void longLineIsWrappedAtSpacesWithin512Octets() {
        String word = "w".repeat(99);
        String text = String.join(" ", word, word, word, word, word, word, word); // 699 octets
        String out = wire(Reply.of(550, "5.7.1", text));
        String[] lines = out.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("550-5.7.1 ").hasSizeLessThanOrEqualTo(510);
        assertThat(lines[1]).startsWith("550 5.7.1 ");
        assertThat(lines[0].substring(10) + " " + lines[1].substring(10)).isEqualTo(text);
    }

    @Test
    void longLineWithoutSpacesIsCutWithoutSplittingUtf8() {
        String text = "ü".repeat(400); // 800 octets
        byte[] out = ReplyEncoder.encode(Reply.of(250, text));
        String decoded = new String(out, StandardCharsets.UTF_8);
        assertThat(decoded).doesNotContain("\uFFFD");
        for (String line : decoded.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length + 2).isLessThanOrEqualTo(512);
        }
        assertThat(decoded.replaceAll("250[- ]", "").replace("\r\n", "")).isEqualTo(text);
    }

    @Test
    void encodeIntoBufferAndLength() {
        Reply reply = Reply.of(354, "End data with <CR><LF>.<CR><LF>");
        ByteBuffer out = ByteBuffer.allocate(100);
        ReplyEncoder.encode(reply, out);
        assertThat(out.position()).isEqualTo(ReplyEncoder.encodedLength(reply)).isEqualTo(37);
        ByteBuffer small = ByteBuffer.allocate(10);
        assertThatThrownBy(() -> ReplyEncoder.encode(reply, small)).isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isZero();
    }

    @Test
    void encodedRepliesDecodeBack() throws MalformedReplyException {
        Reply reply = Reply.multiline(ReplyCode.of(451), EnhancedStatusCode.of(4, 3, 0), List.of("a", "b c"));
        assertThat(new ReplyDecoder().decode(ByteBuffer.wrap(ReplyEncoder.encode(reply)))).isEqualTo(reply);
    }
}
