package dev.pillarbox.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.server.maildir.MaildirStore;
import dev.pillarbox.server.reliability.FullDiskStore.Stage;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A full disk never yields a 250: the message gets {@code 451 4.3.0}, nothing partial is left in the Maildir, the
 * server stays up for everyone else, and the next message after space returns is stored. Always run with an
 * injected {@code ENOSPC} at each step; also run on a real 256 KiB tmpfs when this process may mount one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiskFullTest {

    private static final String LOCAL_ERROR = "451 4.3.0 Requested action aborted: local error in processing";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Stage.class)
    void injectedNoSpaceLeftIs451AndTheServerRecoversWhenSpaceReturns(Stage stage) throws IOException {
        FullDiskStore store = new FullDiskStore(MaildirStore.open(dir, "mx.test.example"));
        try (SmtpTestServer server = SmtpTestServer.builder().store(store).start();
             SmtpTestClient client = server.inTransaction()) {
            store.fill(stage);
            if (stage == Stage.OPEN) {
                assertThat(client.command("DATA").toString()).isEqualTo(LOCAL_ERROR); // no 354 without a file
            } else {
                assertThat(client.data("Subject: full\r\n\r\nno room\r\n").toString()).isEqualTo(LOCAL_ERROR);
            }
            assertThat(files(dir.resolve("new"))).isEmpty();
            assertThat(files(dir.resolve("tmp"))).as("the partial file is removed").isEmpty();
            try (SmtpTestClient other = server.afterEhlo()) {
                assertThat(other.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            }

            store.free();
            if (stage != Stage.OPEN) { // after a 451 at the end of DATA the transaction is over (RFC 5321 4.1.1.4)
                assertThat(client.command("MAIL FROM:<sender@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
                assertThat(client.command("RCPT TO:<rcpt@example.net>").toString()).isEqualTo("250 2.1.5 Recipient OK");
            }
            assertThat(client.data("Subject: room again\r\n\r\nstored\r\n").toString()).startsWith("250 2.0.0 OK: queued as ");
            List<Path> delivered = files(dir.resolve("new"));
            assertThat(delivered).hasSize(1);
            assertThat(Files.readString(delivered.get(0), StandardCharsets.UTF_8))
                    .startsWith("Received: ").endsWith("\r\nSubject: room again\r\n\r\nstored\r\n");
        }
    }

    @Test
    void realTinyFilesystemFillsUpWith451AndRecoversWhenSpaceReturns() throws Exception {
        Path mount = dir.resolve("tmpfs");
        Files.createDirectories(mount);
        String refusal = mountTmpfs(mount);
        if (refusal != null) {
            System.out.println("DiskFullTest: tmpfs variant skipped: " + refusal);
        }
        Assumptions.assumeTrue(refusal == null, () -> "tmpfs variant skipped: " + refusal);
        try {
            Path maildir = mount.resolve("Maildir");
            byte[] body = ("Subject: filler\r\n\r\n" + "x".repeat(76) + "\r\n").repeat(500)
                    .getBytes(StandardCharsets.US_ASCII); // about 40 KB per message
            try (SmtpTestServer server = SmtpTestServer.builder().store(MaildirStore.open(maildir, "mx.test.example"))
                    .start(); SmtpTestClient client = server.afterEhlo()) {
                List<String> replies = new ArrayList<>();
                for (int i = 0; i < 20 && !replies.contains(LOCAL_ERROR); i++) { // 256 KiB holds about 6
                    client.command("MAIL FROM:<sender@example.org>");
                    client.command("RCPT TO:<rcpt@example.net>");
                    String dataReply = client.command("DATA").toString();
                    if (!dataReply.startsWith("354")) {
                        replies.add(dataReply);
                        continue;
                    }
                    client.sendBody(body);
                    replies.add(client.readReply().toString());
                }
                System.out.println("DiskFullTest: 256 KiB tmpfs replies: " + replies);
                assertThat(replies.get(0)).startsWith("250 2.0.0 OK: queued as ");
                assertThat(replies).last().isEqualTo(LOCAL_ERROR);
                assertThat(replies).allMatch(r -> r.startsWith("250 2.0.0 OK: queued as ") || r.equals(LOCAL_ERROR));
                long accepted = replies.stream().filter(r -> r.startsWith("250")).count();
                List<Path> delivered = files(maildir.resolve("new"));
                assertThat(delivered).hasSize((int) accepted);
                for (Path file : delivered) { // every 250 is whole; nothing partial got into new/
                    assertThat(Files.readString(file, StandardCharsets.US_ASCII))
                            .endsWith(new String(body, StandardCharsets.US_ASCII));
                }
                assertThat(files(maildir.resolve("tmp"))).as("the partial file is removed").isEmpty();
                try (SmtpTestClient other = server.afterEhlo()) {
                    assertThat(other.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
                }

                for (Path file : delivered) { // the operator moves mail away: space returns
                    Files.delete(file);
                }
                client.command("MAIL FROM:<sender@example.org>");
                client.command("RCPT TO:<rcpt@example.net>");
                assertThat(client.data("Subject: room again\r\n\r\nstored\r\n").toString())
                        .startsWith("250 2.0.0 OK: queued as ");
                assertThat(files(maildir.resolve("new"))).hasSize(1);
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    /** Mounts a 256 KiB tmpfs at {@code mount}; null if it worked, else why not. */
    private static String mountTmpfs(Path mount) throws InterruptedException {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return "not Linux";
        }
        String result = run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString());
        return result.isEmpty() ? null : "mount -t tmpfs is not permitted here (" + result + ")";
    }

    /** Runs a command for at most 10 s; "" on success, else its output or failure. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " timed out";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 ? "" : "exit " + process.exitValue() + ": " + output;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.sorted().toList();
        }
    }
}
