package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.codec.ReplyEncoder;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyOutputTest {

    @Test
    void repliesAreBufferedUntilFlush() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ReplyOutput output = new ReplyOutput();
        output.use(sink);
        output.write(Replies.SENDER_OK);
        output.write(Reply.of(250, "2.1.5", "Recipient <b@example.net> OK"));
        assertThat(sink.size()).isZero();
        output.flush();
        assertThat(sink.toString(StandardCharsets.US_ASCII))
                .isEqualTo("250 2.1.0 Sender OK\r\n250 2.1.5 Recipient <b@example.net> OK\r\n");
    }

    @Test
    void cachedConstantsEncodeLikeTheCodec() {
        assertThat(ReplyOutput.encoded(Replies.BAD_SEQUENCE)).isEqualTo(ReplyEncoder.encode(Replies.BAD_SEQUENCE));
        assertThat(ReplyOutput.encoded(Replies.BAD_SEQUENCE)).isSameAs(ReplyOutput.encoded(Replies.BAD_SEQUENCE));
    }

    @Test
    void replyLargerThanTheBufferIsWrittenWhole() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ReplyOutput output = new ReplyOutput();
        output.use(sink);
        Reply huge = Reply.multiline(250, java.util.Collections.nCopies(400, "X".repeat(40)));
        output.write(Replies.OK);
        output.write(huge);
        output.flush();
        assertThat(sink.toByteArray()).hasSize(ReplyEncoder.encodedLength(Replies.OK) + ReplyEncoder.encodedLength(huge));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"500|5.5.2|true", "501|5.5.4|true", "503|5.5.1|true", "555|5.5.4|true",
            "554|5.5.0|true", "550|5.1.1|false", "552|5.3.4|false", "451|4.3.0|false", "421|4.7.0|false",
            "250|2.0.0|false"})
    void protocolErrorsAreSyntaxRepliesAndX5XCodes(int code, String enhanced, boolean error) {
        assertThat(ReplyOutput.isProtocolError(Reply.of(code, enhanced, "text"))).isEqualTo(error);
    }

    @Test
    void syntaxReplyWithoutEnhancedCodeIsAProtocolError() {
        assertThat(ReplyOutput.isProtocolError(Reply.of(502, "Command not implemented"))).isTrue();
        assertThat(List.of(Reply.of(550, "No"))).noneMatch(ReplyOutput::isProtocolError);
    }
}
