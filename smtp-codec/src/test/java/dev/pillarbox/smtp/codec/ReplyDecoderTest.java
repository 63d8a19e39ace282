package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.EnhancedStatusCode;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReplyCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ReplyDecoderTest {

    /** Decodes all replies; malformed ones become "! message". */
    private static List<Object> decodeAll(Feeder feeder, String input) {
        ReplyDecoder decoder = new ReplyDecoder();
        List<Object> out = new ArrayList<>();
        for (byte[] slice : feeder.slices(input.getBytes(StandardCharsets.UTF_8))) {
            ByteBuffer in = ByteBuffer.wrap(slice);
            while (in.hasRemaining()) {
                try {
                    Reply reply = decoder.decode(in);
                    if (reply != null) {
                        out.add(reply);
                    }
                } catch (MalformedReplyException e) {
                    out.add("! " + e.getMessage());
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void multilineRepliesAreAggregated(Feeder feeder) {
        assertThat(decodeAll(feeder, "220 mx ESMTP\r\n250-mx.example\r\n250-PIPELINING\r\n250 SIZE 100\r\n"))
                .containsExactly(Reply.of(220, "mx ESMTP"),
                        Reply.multiline(250, List.of("mx.example", "PIPELINING", "SIZE 100")));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void enhancedCodeIsParsedWhenEveryLineHasIt(Feeder feeder) {
        assertThat(decodeAll(feeder, "550-5.1.1 No such\r\n550 5.1.1 user\r\n250 2.1.0\r\n250 2.0.0 OK\r\n"))
                .containsExactly(
                        Reply.multiline(ReplyCode.of(550), EnhancedStatusCode.of(5, 1, 1), List.of("No such", "user")),
                        Reply.of(ReplyCode.of(250), EnhancedStatusCode.of(2, 1, 0), ""),
                        Reply.of(250, "2.0.0", "OK"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void textThatOnlyLooksLikeAnEnhancedCodeIsKept(Feeder feeder) {
        assertThat(decodeAll(feeder, "250-2.0.0 a\r\n250 b\r\n250 5.0.0 class mismatch\r\n250\r\n"))
                .containsExactly(Reply.multiline(250, List.of("2.0.0 a", "b")),
                        Reply.of(250, "5.0.0 class mismatch"), Reply.of(250, ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "250-a\\r\\n251 b\\r\\n | reply code 251 differs from 250 on the previous line",
        "250x\\r\\n            | reply code 250 is followed by 'x' instead of a space or hyphen",
        "2a0 OK\\r\\n          | reply line does not start with a three-digit code: \"2a0 OK\"",
        "25\\r\\n              | reply line does not start with a three-digit code: \"25\"",
        "250 a\\nb\\r\\n       | bare LF in reply line",
        "250 a\\rb\\r\\n       | bare CR in reply line",
        "150 old\\r\\n         | reply code 150 is out of range",
    })
    void malformedRepliesAreRejectedThenDecodingResumes(String input, String message) {
        for (Feeder feeder : Feeder.values()) {
            List<Object> out = decodeAll(feeder, input.strip().replace("\\r", "\r").replace("\\n", "\n")
                    + "221 bye\r\n");
            assertThat(out).hasSize(2);
            assertThat((String) out.get(0)).startsWith("! " + message.strip());
            assertThat(out.get(1)).isEqualTo(Reply.of(221, "bye"));
        }
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void overlongLineIsRejectedThenDecodingResumes(Feeder feeder) {
        assertThat(decodeAll(feeder, "250 " + "x".repeat(600) + "\r\n221 bye\r\n"))
                .containsExactly("! reply line longer than 512 octets", Reply.of(221, "bye"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void lineOfExactly512OctetsIsAccepted(Feeder feeder) {
        String text = "x".repeat(506);
        assertThat(decodeAll(feeder, "250 " + text + "\r\n")).containsExactly(Reply.of(250, text));
    }

    @org.junit.jupiter.api.Test
    void tooSmallLimitIsRejected() {
        assertThatThrownBy(() -> new ReplyDecoder(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reply line limit 4 is below 5 octets");
    }

    @org.junit.jupiter.api.Test
    void partialReplyShowsWhatArrivedOfAnUnfinishedReply() throws MalformedReplyException {
        ReplyDecoder decoder = new ReplyDecoder();
        assertThat(decoder.partialReply()).isEmpty();
        ByteBuffer in = ByteBuffer.wrap("250-mx.example\r\n250-PIPE".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoder.decode(in)).isNull();
        assertThat(decoder.partialReply()).isEqualTo("250-mx.example\r\n250-PIPE");
        assertThat(decoder.decode(ByteBuffer.wrap("LINING\r\n250 OK\r\n".getBytes(StandardCharsets.US_ASCII))))
                .hasToString("250-mx.example\r\n250-PIPELINING\r\n250 OK");
        assertThat(decoder.partialReply()).isEmpty();
    }

    /** The rule of RFC 2034 4 as the decoder applies it, stated independently: a strict first word, class matching. */
    private static Reply reference(String line) {
        int code = Integer.parseInt(line.substring(0, 3));
        String text = line.length() > 4 ? line.substring(4) : "";
        int sp = text.indexOf(' ');
        String first = sp < 0 ? text : text.substring(0, sp);
        try {
            EnhancedStatusCode enhanced = EnhancedStatusCode.parse(first);
            if (enhanced.codeClass() == code / 100) {
                return Reply.of(ReplyCode.of(code), enhanced, sp < 0 ? "" : text.substring(sp + 1));
            }
        } catch (IllegalArgumentException e) {
            // not an enhanced status code: the text stays whole
        }
        return Reply.of(ReplyCode.of(code), null, text);
    }

    @net.jqwik.api.Property(tries = 3000)
    void oneLineRepliesSplitTheEnhancedCodeExactlyAsTheRuleSays(
            @net.jqwik.api.ForAll("codes") int code, @net.jqwik.api.ForAll("texts") String text)
            throws MalformedReplyException {
        String line = code + (text.isEmpty() ? "" : " " + text);
        Reply decoded = new ReplyDecoder().decode(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(decoded).isEqualTo(reference(line));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> codes() {
        return net.jqwik.api.Arbitraries.of(250, 251, 354, 421, 450, 550, 554, 235, 334);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> texts() {
        net.jqwik.api.Arbitrary<String> any = net.jqwik.api.Arbitraries.strings().withChars("0123452.. xé")
                .ofMaxLength(14);
        net.jqwik.api.Arbitrary<String> number = net.jqwik.api.Arbitraries.of("0", "1", "01", "10", "999", "1234", "");
        net.jqwik.api.Arbitrary<String> codeLike = net.jqwik.api.Combinators.combine(
                net.jqwik.api.Arbitraries.of("2", "3", "4", "5", "0", "25"), number, number,
                net.jqwik.api.Arbitraries.of("", " ", " Ok", "\tOk", " é", "x"))
                .as((c, subject, detail, rest) -> c + "." + subject + "." + detail + rest);
        return net.jqwik.api.Arbitraries.oneOf(any, codeLike);
    }
}
