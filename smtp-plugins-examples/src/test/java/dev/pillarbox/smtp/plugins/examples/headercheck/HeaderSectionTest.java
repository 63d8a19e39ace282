package dev.pillarbox.smtp.plugins.examples.headercheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderSectionTest {

    /** Fails the test if anything reads past {@code allowed} octets. */
    private static final class GuardedStream extends InputStream {
        private final InputStream in;
        private final int allowed;
        private int read;

        GuardedStream(byte[] bytes, int allowed) {
            this.in = new ByteArrayInputStream(bytes);
            this.allowed = allowed;
        }

        @Override
        public int read() throws IOException {
            if (read >= allowed) {
                throw new AssertionError("read past the header section, at octet " + read);
            }
            read++;
            return in.read();
        }
    }

    @Test
    void bodyIsNeverRead() throws Exception {
        String headers = "Received: from x\r\n\tby y\r\nFrom: a@example.org\r\nDate: x\r\n\r\n";
        byte[] message = (headers + "body line\r\n".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        HeaderSection section = HeaderSection.read(new GuardedStream(message, headers.length()), 65536, true);
        assertThat(section.names()).containsExactly("Received", "From", "Date");
    }

    @Test
    void bareLfLinesAreReadToo() throws Exception {
        HeaderSection section = HeaderSection.read(
                new ByteArrayInputStream("From: a\nDate: b\n\nbody".getBytes(StandardCharsets.US_ASCII)), 1024, false);
        assertThat(section.counts()).containsEntry("from", 1).containsEntry("date", 1).hasSize(2);
    }

    @Test
    void continuationOfNothingIsMalformed() {
        assertThatThrownBy(() -> HeaderSection.read(
                new ByteArrayInputStream(" folded\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), 1024, false))
                .isInstanceOf(HeaderSection.Malformed.class)
                .hasMessage("Message header line 1 is a continuation of nothing (RFC 5322 2.2.3)");
    }

    @Test
    void capCountsEveryOctetOfTheSection() throws Exception {
        byte[] exactly = "From: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(HeaderSection.read(new ByteArrayInputStream(exactly), exactly.length, false).names())
                .containsExactly("From");
        assertThatThrownBy(() -> HeaderSection.read(new ByteArrayInputStream(exactly), exactly.length - 3, false))
                .hasMessage("Message header section is larger than " + (exactly.length - 3) + " octets");
    }

    @Test
    void lineNumbersCountFromTheClientsFirstLineAfterTheServersTraceHeader() {
        byte[] content = "Received: from x\r\n\tby y\r\n\tfor z\r\nFrom: a\r\nnot a field\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> HeaderSection.read(new ByteArrayInputStream(content), 1024, true))
                .hasMessage("Message header line 2 is not a header field (RFC 5322 2.2)");
        assertThatThrownBy(() -> HeaderSection.read(new ByteArrayInputStream(content), 1024, false))
                .hasMessage("Message header line 5 is not a header field (RFC 5322 2.2)");
    }
}
