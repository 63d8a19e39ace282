package dev.pillarbox.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The typed view of EHLO replies, including the quirks of real servers. */
class CapabilitiesTest {

    private static Capabilities ehlo(String... keywordLines) {
        List<String> lines = new java.util.ArrayList<>(List.of("mx.example.net greets client.example"));
        lines.addAll(List.of(keywordLines));
        return Capabilities.ofEhlo(Reply.multiline(250, lines));
    }

    @Test
    void everyExtensionTheClientUsesIsRecognised() {
        Capabilities caps = ehlo("PIPELINING", "SIZE 10240000", "8BITMIME", "BINARYMIME", "CHUNKING", "SMTPUTF8",
                "DSN", "ENHANCEDSTATUSCODES", "STARTTLS", "AUTH PLAIN LOGIN SCRAM-SHA-256");
        assertThat(caps.serverName()).isEqualTo("mx.example.net");
        assertThat(caps.esmtp()).isTrue();
        assertThat(List.of(caps.pipelining(), caps.eightBitMime(), caps.binaryMime(), caps.chunking(),
                caps.smtpUtf8(), caps.dsn(), caps.enhancedStatusCodes(), caps.startTls(), caps.size()))
                .containsOnly(true);
        assertThat(caps.sizeLimit()).hasValue(10240000);
        assertThat(caps.authMechanisms()).containsExactly("PLAIN", "LOGIN", "SCRAM-SHA-256");
        assertThat(caps).hasToString("mx.example.net [PIPELINING, SIZE 10240000, 8BITMIME, BINARYMIME, CHUNKING,"
                + " SMTPUTF8, DSN, ENHANCEDSTATUSCODES, STARTTLS, AUTH PLAIN LOGIN SCRAM-SHA-256]");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "SIZE           | true  | ",
        "SIZE 0         | true  | ",
        "SIZE 1000      | true  | 1000",
        "size 1000      | true  | 1000",
        "SIZE lots      | true  | ",
        "PIPELINING     | false | ",
    })
    void sizeLimitIsOnlyAFixedPositiveNumber(String line, boolean offered, Long limit) {
        Capabilities caps = ehlo(line);
        assertThat(caps.size()).isEqualTo(offered);
        if (limit == null) {
            assertThat(caps.sizeLimit()).isEmpty();
        } else {
            assertThat(caps.sizeLimit()).hasValue(limit);
        }
    }

    @Test
    void quirksOfRealServers() {
        // smtp-sink ends with an empty "250 "; old servers add AUTH=; keywords are case-insensitive
        Capabilities caps = ehlo("pipelining", "AUTH=LOGIN PLAIN", "AUTH LOGIN PLAIN CRAM-MD5", "");
        assertThat(caps.pipelining()).isTrue();
        assertThat(caps.supports("Pipelining")).isTrue();
        assertThat(caps.authMechanisms()).containsExactly("LOGIN", "PLAIN", "CRAM-MD5");
        assertThat(caps.keywords()).containsExactly("PIPELINING", "AUTH");
    }

    @Test
    void heloMeansNoExtensions() {
        Capabilities caps = Capabilities.ofHelo(Reply.of(250, "mx.example.net"));
        assertThat(caps.esmtp()).isFalse();
        assertThat(caps.keywords()).isEmpty();
        assertThat(caps.pipelining()).isFalse();
        assertThat(caps).hasToString("mx.example.net (HELO) []");
    }
}
