package dev.pillarbox.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message hook adds a header field and replaces the body of a 50 MB message, in a reference server whose heap
 * (-Xmx40m) could not hold the message once: the header edit is applied while the message is committed and the
 * replacement streamed into new writers, so the message goes through and the Maildir file has both changes. (Not a
 * timed test: it fails on an OutOfMemoryError, a 451 or a wrong file.)
 */
class MessageChangeMemoryTest {

    private static final long MESSAGE_OCTETS = 50L * 1000 * 1000;
    private static final String HEAP = "-Xmx40m";

    @Test
    void aFiftyMegabyteMessageIsRewrittenWithinASmallHeap(@TempDir Path dir) throws Exception {
        Path maildir = dir.resolve("mail");
        try (ReferenceServerProcess server = ReferenceServerProcess.start(maildir, dir.resolve("server.log"),
                Map.of("PILLARBOX_PLUGINS_ENABLED", RewritePlugin.NAME,
                        "PILLARBOX_LIMITS_MAX_MESSAGE_SIZE", "64m"), List.of(HEAP))) {
            try (RawClient client = RawClient.connect(server.address(), Duration.ofSeconds(120))) {
                RawClient.expect(client.readReply(), "220 ");
                RawClient.expect(client.command("EHLO client.example"), "250 ");
                RawClient.expect(client.command("MAIL FROM:<a@example.org>"), "250 ");
                RawClient.expect(client.command("RCPT TO:<b@example.net>"), "250 ");
                RawClient.expect(client.command("DATA"), "354 ");
                client.sendRaw(body());
                String reply = client.command(".");
                assertThat(reply).as("server log: " + Files.readString(dir.resolve("server.log")))
                        .startsWith("250 ");
            }
            assertThat(server.process().isAlive()).isTrue();
        }
        Path stored;
        try (Stream<Path> files = Files.list(maildir.resolve("new"))) {
            stored = files.findFirst().orElseThrow();
        }
        try (InputStream in = Files.newInputStream(stored)) {
            String head = new String(in.readNBytes(64 * 1024), StandardCharsets.US_ASCII);
            int end = head.indexOf("\r\n\r\n");
            assertThat(head).startsWith("Received: ");
            assertThat(head.substring(0, end + 2)).endsWith("Subject: big\r\nX-Rewritten: yes\r\n");
            assertThat(head.substring(end + 4)).startsWith(new String(RewritePlugin.LINE, StandardCharsets.US_ASCII));
        }
        long bodyLines = Files.size(stored) / RewritePlugin.LINE.length;
        assertThat(Files.size(stored)).as("about the size sent, every line replaced")
                .isBetween(MESSAGE_OCTETS - 1000, MESSAGE_OCTETS + 1000);
        assertThat(bodyLines).isGreaterThan(1_000_000);
        assertThat(Files.size(stored)).as("larger than the server's whole heap").isGreaterThan(40L << 20);
    }

    // 50 MB of "Subject: big", an empty line and 60-octet lines (nothing to dot-stuff)
    private static byte[] body() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) MESSAGE_OCTETS + 100);
        try (OutputStream o = new BufferedOutputStream(out)) {
            o.write("Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] line = "0123456789012345678901234567890123456789012345678901234567\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            for (long written = 16; written + line.length <= MESSAGE_OCTETS; written += line.length) {
                o.write(line);
            }
        }
        return out.toByteArray();
    }
}
