package dev.pillarbox.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link MaildirReader}: which names are ids, and what a listing holds. */
class MaildirReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1765065681.M441205P2210Q2.mx.example.org | true",
        "1765065681.M441205P2210Q2.host\\057name\\072x | true",
        "1765065681.V803I1a2bM12345.mail,S=1234 | true",
        "..                                       | false",
        ".hidden                                  | false",
        "a/b                                      | false",
        "name:2,S                                 | false",
        "''                                       | false",
        "a\u0000b                                 | false",
        "caf\u00e9                                | false",
    })
    void idsAreMaildirUniqueNamesOnly(String id, boolean valid) {
        assertThat(MaildirReader.isValidId(id)).isEqualTo(valid);
    }

    @Test
    void listsNewAndCurNewestFirstSkippingDotFilesAndTmp() throws Exception {
        for (String sub : new String[] {"new", "cur", "tmp"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        Path old = Files.writeString(dir.resolve("cur").resolve("1000.M1P1Q1.h:2,S"), "old");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Files.writeString(dir.resolve("new").resolve("2000.M1P1Q2.h"), "new");
        Files.writeString(dir.resolve("new").resolve(".nfs0001"), "dot file");
        Files.writeString(dir.resolve("tmp").resolve("3000.M1P1Q3.h"), "being written");
        MaildirReader reader = MaildirReader.of(dir);
        assertThat(reader.list()).extracting(MaildirReader.StoredMessage::id)
                .containsExactly("2000.M1P1Q2.h", "1000.M1P1Q1.h");
        assertThat(reader.find("1000.M1P1Q1.h")).hasValueSatisfying(m -> assertThat(m.file()).isEqualTo(old));
        assertThat(reader.find("3000.M1P1Q3.h")).isEmpty();
        assertThatThrownBy(() -> reader.find("../tmp/3000.M1P1Q3.h")).isInstanceOf(IllegalArgumentException.class);
        assertThat(reader.deleteAll()).isEqualTo(2);
        assertThat(reader.list()).isEmpty();
        assertThat(Files.exists(dir.resolve("tmp").resolve("3000.M1P1Q3.h"))).isTrue();
    }

    @Test
    void aDirectoryWithoutNewAndCurIsNoMaildir() {
        assertThatThrownBy(() -> MaildirReader.of(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Maildir");
    }
}
