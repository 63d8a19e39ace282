package dev.pillarbox.server.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MaildirNamesTest {

    @Test
    void nameIsSecondsMicrosPidCounterAndHost() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_764_383_912L, 123_456_789), ZoneOffset.UTC);
        MaildirNames names = MaildirNames.of(clock, 4711, "mx.example.org");
        String first = names.next();
        String second = names.next();
        assertThat(first).matches("1764383912\\.M123456P4711Q[0-9]+\\.mx\\.example\\.org");
        long q1 = Long.parseLong(first.replaceAll(".*Q([0-9]+)\\..*", "$1"));
        long q2 = Long.parseLong(second.replaceAll(".*Q([0-9]+)\\..*", "$1"));
        assertThat(q2).isGreaterThan(q1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            mx.example.org | mx.example.org
            a/b            | a\\057b
            host:25        | host\\07225
            a/b:c          | a\\057b\\072c
            """)
    void slashAndColonInTheHostAreEscapedAsTheSpecAsks(String host, String escaped) {
        assertThat(MaildirNames.escapeHost(host)).isEqualTo(escaped);
        assertThat(MaildirNames.forHost(host).next()).endsWith("." + escaped).doesNotContain("/").doesNotContain(":");
    }

    @Test
    void blankHostBecomesLocalhost() {
        assertThat(MaildirNames.escapeHost(" ")).isEqualTo("localhost");
    }
}
