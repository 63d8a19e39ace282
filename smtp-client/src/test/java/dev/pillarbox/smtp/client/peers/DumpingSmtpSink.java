package dev.pillarbox.smtp.client.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import dev.pillarbox.smtp.testing.SmtpSink;

/**
 * An {@link SmtpSink} appending every transaction to a dump {@code file} ({@code -D}): the MAIL and RCPT arguments
 * as received and the message as the server decoded it. The dump lives in a world-writable folder of its own, since
 * smtp-sink writes it as {@code nobody}; closing stops the sink and deletes the folder.
 *
 * @param process the sink
 * @param file its dump
 */
public record DumpingSmtpSink(SmtpSink process, Path file) implements AutoCloseable {

    /** Starts smtp-sink with {@code options} and {@code -D}, its log in {@code dir}. */
    public static DumpingSmtpSink start(Path dir, String... options) throws IOException, InterruptedException {
        Path dumps = Files.createTempDirectory("smtp-sink-dump");
        Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = dumps.resolve("dump");
        List<String> all = new ArrayList<>(List.of(options));
        all.add("-D");
        all.add(file.toString());
        try {
            return new DumpingSmtpSink(SmtpSink.start(dir, all.toArray(new String[0])), file);
        } catch (IOException | RuntimeException | Error | InterruptedException e) {
            Files.deleteIfExists(dumps);
            throw e;
        }
    }

    /** The dump's lines so far (LF line ends, as smtp-sink writes them). */
    public List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
    }

    @Override
    public void close() throws IOException {
        process.close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.getParent());
    }
}
