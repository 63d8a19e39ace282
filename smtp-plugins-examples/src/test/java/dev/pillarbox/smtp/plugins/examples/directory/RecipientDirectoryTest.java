package dev.pillarbox.smtp.plugins.examples.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.Mailbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecipientDirectoryTest {

    @Test
    void aliasExpandsToItsTargets() throws Exception {
        RecipientDirectory directory = RecipientDirectory.parse("sales@example.org: a@example.org, b@example.net\n",
                "test");
        RecipientDirectory.Entry entry = directory.lookup(Mailbox.parse("SALES@example.org")).orElseThrow();
        assertThat(entry.isAlias()).isTrue();
        assertThat(entry.targets()).hasToString("[a@example.org, b@example.net]");
    }

    @Test
    void commentsAndBlankLinesAreIgnored() {
        assertThat(RecipientDirectory.parse("# a comment\n\n   \n  # indented comment\na@example.org\r\n", "test")
                .size()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a@example.org\\nnot an address | recipients:2: \"not an address\" is not a mailbox: ",
        "a@example.org: | recipients:1: an alias needs at least one target after the colon",
        "a@example.org: , , | recipients:1: an alias needs at least one target after the colon",
        "a@example.org\\nA@EXAMPLE.org | recipients:2: A@EXAMPLE.org is listed twice",
        "x: a@example.org | recipients:1: \"x\" is not a mailbox: ",
    })
    void badLineIsRefusedNamingFileAndLine(String text, String message) {
        assertThatThrownBy(() -> RecipientDirectory.parse(text.replace("\\n", "\n"), "recipients"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
