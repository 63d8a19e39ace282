package dev.pillarbox.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link MimeReader}: file names, charsets, and a 50 MB message read as a stream. */
class MimeReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "attachment; filename=\"plain.txt\"                          | plain.txt",
        "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9%20v2.pdf       | r\u00e9sum\u00e9 v2.pdf",
        "attachment; filename*0*=UTF-8''long%20; filename*1=name.txt  | long name.txt",
        "attachment; filename=\"=?UTF-8?B?w6l0w6kucG5n?=\"            | \u00e9t\u00e9.png",
        "inline                                                      | ''",
    })
    void fileNamesFromContentDisposition(String disposition, String expected) throws IOException {
        String mail = "Subject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Disposition: " + disposition + "\r\n\r\nx\r\n--b--\r\n";
        MimeMessage m = MimeReader.read(new ByteArrayInputStream(mail.getBytes(StandardCharsets.UTF_8)),
                MimeReader.Depth.FULL);
        assertThat(m.parts()).singleElement().satisfies(p -> assertThat(p.filename()).isEqualTo(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "utf-8,         UTF-8",
        "ISO-8859-15,   ISO-8859-15",
        "windows-1252,  windows-1252",
        "x-bogus,       ISO-8859-1",
        "'a b',         ISO-8859-1",
        "'',            US-ASCII",
    })
    void charsetsFallBackToLatin1(String declared, String used) {
        assertThat(MimeReader.charset(declared).name()).isEqualTo(used);
    }

    @Test
    void aFiftyMegabyteMessageIsReadAsAStream() throws Exception {
        Path file = dir.resolve("big.eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("From: big@example.org\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                    + "--b\r\nContent-Type: text/plain\r\n\r\nsee the attachment\r\n--b\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=big.bin\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50 * 1024 * 1024 / line.length; i++) {
                out.write(line);
            }
            out.write("--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(Files.size(file)).isGreaterThan(50L * 1024 * 1024 - 1024);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        MimeMessage m;
        try (InputStream in = Files.newInputStream(file)) {
            m = MimeReader.read(in, MimeReader.Depth.FULL);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(m.text().orElseThrow().content()).isEqualTo("see the attachment");
        assertThat(m.parts().get(1).size()).isEqualTo(50L * 1024 * 1024 / 78 * 57);
        // read whole, the message alone would be 50 MB; streamed, only buffers come and go
        assertThat(allocated).as("bytes allocated reading 50 MB").isLessThan(16L * 1024 * 1024);

        try (InputStream in = Files.newInputStream(file)) {
            Optional<MimeReader.PartContent> part = MimeReader.openPart(in, 1);
            byte[] first = part.orElseThrow().content().readNBytes(6);
            assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("ABCDEF");
        }
    }
}
