package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The example of the module's Javadoc overview (src/main/javadoc/overview.html), verbatim, compiled and run. */
class OverviewExampleTest {

    @Test
    void overviewExample() throws Exception {
        CommandEncoder encoder = new CommandEncoder();
        byte[] line = encoder.encode(Command.of("MAIL", "FROM:<alice@example.org>"));
        ReplyDecoder decoder = new ReplyDecoder();
        Reply reply = decoder.decode(ByteBuffer.wrap("250 2.1.0 Sender OK\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(new String(line, StandardCharsets.US_ASCII)).isEqualTo("MAIL FROM:<alice@example.org>\r\n");
        assertThat(reply.code().value()).isEqualTo(250);
        assertThat(reply.text()).isEqualTo("Sender OK");
    }
}
