package dev.pillarbox.smtp.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.pillarbox.smtp.core.EnhancedStatusCode;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReplyCode;

/** SMFIR_REPLYCODE against the SMTP grammar: what is accepted becomes a Reply, the rest a protocol error. */
class FilterReplyTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // data (\0, \r, \n, \t written out)                 | the reply as on the wire
            "'554 5.7.1 Gtube pattern\\0'                      | '554 5.7.1 Gtube pattern'",
            "'451 4.7.1 Try later\\0'                          | '451 4.7.1 Try later'",
            "'550 no enhanced code\\0'                         | '550 no enhanced code'",
            "'550 5.7.1 \\0'                                   | '550 5.7.1 '",
            "'550 \\0'                                         | '550 '",
            "'421 4.3.2 going down\\0'                         | '421 4.3.2 going down'",
            "'550 5.7.1 100%% sure\\0'                         | '550 5.7.1 100% sure'",
            "'550 5.7.1 lone % dropped\\0'                     | '550 5.7.1 lone  dropped'",
            "'550 5.7.1 no terminating NUL'                     | '550 5.7.1 no terminating NUL'",
            "'550 5.7.1 caf\u00e9 UTF-8\\0'                    | '550 5.7.1 caf\u00e9 UTF-8'",
            "'550 5.7.1 tab\\there\\0'                         | '550 5.7.1 tab\\there'",
            "'550-5.7.1 one\\r\\n550-5.7.1 two\\r\\n550 5.7.1 three\\0' | '550-5.7.1 one\\r\\n550-5.7.1 two\\r\\n550 5.7.1 three'",
            "'550-one\\r\\n550 two\\0'                        | '550-one\\r\\n550 two'",
    })
    void acceptsWellFormedReplies(String data, String wire) throws Exception {
        assertThat(FilterReplyText.parse(bytes(data)).toString()).isEqualTo(unescape(wire));
    }

    @org.junit.jupiter.api.Test
    void aMultiLineReplyKeepsItsLinesCodeAndEnhancedCode() throws Exception {
        Reply reply = FilterReplyText.parse(bytes("550-5.7.1 first line\r\n550-5.7.1 second line\r\n550 5.7.1 third line\0"));
        assertThat(reply.code()).isEqualTo(ReplyCode.of(550));
        assertThat(reply.enhancedCode()).contains(EnhancedStatusCode.parse("5.7.1"));
        assertThat(reply.lines()).containsExactly("first line", "second line", "third line");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "250 2.0.0 OK\\0                    | line 1 does not start with a 4xx or 5xx reply code",
            "354 go ahead\\0                    | line 1 does not start with a 4xx or 5xx reply code",
            "5x0 5.7.1 no\\0                    | line 1 does not start with a 4xx or 5xx reply code",
            "550\\0                             | line 1 does not start with a 4xx or 5xx reply code",
            "\\0                                | line 1 does not start with a 4xx or 5xx reply code",
            "550-5.7.1 last line with dash\\0   | line 1 has '-' after its code where the last line has a space",
            "550 5.7.1 one\\r\\n550 5.7.1 two\\0 | line 1 has ' ' after its code where the lines before the last have '-'",
            "550-one\\r\\n451 two\\0            | line 2 has code 451 after 550 (RFC 5321 4.2.1: one code per reply)",
            "550 4.7.1 wrong class\\0           | enhanced status code 4.7.1 does not match the class of reply code 550 (RFC 2034 section 4)",
            "550 5.7 short code\\0              | line 1: enhanced status code \"5.7\" is not class.subject.detail (RFC 3463 section 2)",
            "550-5.7.1 one\\r\\n550 5.7.2 two\\0 | line 2 has enhanced status code 5.7.2 where line 1 has 5.7.1",
            "550-5.7.1 one\\r\\n550 two\\0       | line 2 has enhanced status code none where line 1 has 5.7.1",
            "550 5.7.1 bare\\nLF\\0             | line 1 contains control character 0xa",
            "550 5.7.1 bare\\rCR\\0             | line 1 contains control character 0xd",
            "550-5.7.1 one\\r\\n\\0             | line 2 does not start with a 4xx or 5xx reply code",
            "550 5.7.1 NUL\\0inside\\0          | contains NUL",
    })
    void refusesMalformedReplies(String data, String why) {
        assertThatThrownBy(() -> FilterReplyText.parse(bytes(data)))
                .isInstanceOf(MilterProtocolException.class)
                .hasMessageStartingWith("malformed SMFIR_REPLYCODE reply \"")
                .hasMessageEndingWith("\": " + why);
    }

    @org.junit.jupiter.api.Test
    void refusesInvalidUtf8() {
        byte[] data = {'5', '5', '0', ' ', (byte) 0xff, 0};
        assertThatThrownBy(() -> FilterReplyText.parse(data)).hasMessageEndingWith(": is not UTF-8");
    }

    @org.junit.jupiter.api.Test
    void aFilterReplyBecomesTheDecisionOfItsClass() {
        assertThat(Decision.ofReply(Reply.of(451, "4.7.1", "later"))).isEqualTo(new Decision.Tempfail(Reply.of(451, "4.7.1", "later")));
        assertThat(Decision.ofReply(Reply.of(554, "5.7.1", "no"))).isEqualTo(new Decision.Reject(Reply.of(554, "5.7.1", "no")));
        assertThat(Decision.ofReply(Reply.of(421, "4.3.2", "bye")).closesConnection()).isTrue();
        assertThat(Decision.ofReply(Reply.multiline(550, List.of("a", "b"))).closesConnection()).isFalse();
    }

    static byte[] bytes(String escaped) {
        return unescape(escaped).getBytes(StandardCharsets.UTF_8);
    }

    static String unescape(String s) {
        return s.replace("\\0", "\0").replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }
}
