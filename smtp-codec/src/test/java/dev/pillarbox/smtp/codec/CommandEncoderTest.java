package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.Command;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandEncoderTest {

    private static String s(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ByteBuffer b(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void commandsEndWithCrlf() {
        CommandEncoder encoder = new CommandEncoder();
        assertThat(s(encoder.encode(Command.of("mail", "FROM:<a@b> SIZE=10")))).isEqualTo("MAIL FROM:<a@b> SIZE=10\r\n");
        assertThat(s(encoder.encode(Command.of("QUIT", "")))).isEqualTo("QUIT\r\n");
    }

    @Test
    void crlfInArgumentIsRefused() {
        assertThatThrownBy(() -> new CommandEncoder().encode(Command.of("MAIL", "FROM:<a@b>\r\nRCPT TO:<x@y>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("command argument contains CR or LF");
    }

    @Test
    void bodyOutsideDataFails() {
        CommandEncoder encoder = new CommandEncoder();
        assertThatThrownBy(() -> encoder.body(b("x"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("body chunk outside DATA");
        assertThatThrownBy(encoder::endBody).isInstanceOf(IllegalStateException.class)
                .hasMessage("body chunk outside DATA");
    }

    @Test
    void bodyIsStuffedAcrossChunksAndTerminated() {
        CommandEncoder encoder = new CommandEncoder();
        encoder.startBody();
        assertThat(s(encoder.body(b(".a\r")))).isEqualTo("..a\r");
        assertThat(s(encoder.body(b("\n.b\r\n")))).isEqualTo("\n..b\r\n");
        assertThat(s(encoder.endBody())).isEqualTo(".\r\n");
        assertThat(encoder.inBody()).isFalse();
    }

    @Test
    void normalisingEncoderTurnsBareCrAndLfIntoCrlfAcrossChunks() {
        CommandEncoder encoder = new CommandEncoder(true);
        encoder.startBody();
        // the CR ending the first chunk and the LF starting the second are one CRLF, not two
        String wire = s(encoder.body(b("a\n.b\r"))) + s(encoder.body(b("\nc\rd"))) + s(encoder.endBody());
        assertThat(wire).isEqualTo("a\r\n..b\r\nc\r\nd\r\n.\r\n");
    }

    @Test
    void defaultEncoderSendsBareLineEndingsUnchanged() {
        CommandEncoder encoder = new CommandEncoder();
        encoder.startBody();
        String wire = s(encoder.body(b("a\n.b\r"))) + s(encoder.body(b("\nc\rd"))) + s(encoder.endBody());
        // a dot after a bare LF is not at a line start for the server either, so it is not stuffed
        assertThat(wire).isEqualTo("a\n.b\r\nc\rd\r\n.\r\n");
    }

    @Test
    void commandInsideBodyFailsButRsetAbandonsTheBody() {
        CommandEncoder encoder = new CommandEncoder();
        encoder.startBody();
        assertThatThrownBy(() -> encoder.encode(Command.of("MAIL", "FROM:<>")))
                .isInstanceOf(IllegalStateException.class).hasMessage("command MAIL inside DATA body");
        assertThat(s(encoder.encode(Command.of("RSET", "")))).isEqualTo("RSET\r\n");
        assertThat(encoder.inBody()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // body          | raw                       | normalised
        "''              | .\\r\\n                   | .\\r\\n",
        "a               | a\\r\\n.\\r\\n            | a\\r\\n.\\r\\n",
        "a\\r\\n         | a\\r\\n.\\r\\n            | a\\r\\n.\\r\\n",
        ".               | ..\\r\\n.\\r\\n           | ..\\r\\n.\\r\\n",
        "a\\n.b          | a\\n.b\\r\\n.\\r\\n       | a\\r\\n..b\\r\\n.\\r\\n",
        "a\\r.b\\r        | a\\r.b\\r\\r\\n.\\r\\n    | a\\r\\n..b\\r\\n.\\r\\n",
        "\\r\\n.\\r\\n    | \\r\\n..\\r\\n.\\r\\n     | \\r\\n..\\r\\n.\\r\\n",
    })
    void dotStuffingTable(String body, String raw, String normalised) {
        byte[] bytes = unescape(body).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(s(DotStuffer.stuffWhole(bytes, false))).isEqualTo(unescape(raw));
        assertThat(s(DotStuffer.stuffWhole(bytes, true))).isEqualTo(unescape(normalised));
    }

    private static String unescape(String s) {
        return s.strip().replace("\\r", "\r").replace("\\n", "\n");
    }
}
