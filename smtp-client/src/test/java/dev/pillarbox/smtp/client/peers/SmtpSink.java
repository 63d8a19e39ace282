package dev.pillarbox.smtp.client.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Postfix's {@code smtp-sink} ({@code /usr/sbin/smtp-sink}, Debian package postfix): takes SMTP or LMTP and throws
 * the mail away. Its options make it refuse chosen commands: {@code -f} hard (5xx), {@code -r} soft (4xx), {@code -q}
 * disconnect without reply (see {@code man smtp-sink}). {@code -f} and {@code -r} also stop it offering PIPELINING.
 */
public final class SmtpSink {

    static final String PROGRAM = "/usr/sbin/smtp-sink";

    private SmtpSink() {
    }

    /**
     * Starts smtp-sink on a free loopback port with {@code options} (e.g. {@code "-r", "RCPT"}).
     *
     * @param dir where its output goes
     */
    public static PeerProcess start(Path dir, String... options) throws IOException {
        int port = PeerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(PROGRAM));
        if (PeerProcess.root()) {
            command.add("-u");
            command.add("nobody"); // it refuses to run as root without dropping privileges
        }
        command.addAll(List.of(options));
        command.add("127.0.0.1:" + port);
        command.add("256");
        return PeerProcess.start("smtp-sink", command, dir, port);
    }

    /**
     * Starts smtp-sink appending every transaction to a dump file ({@code -D}): the MAIL and RCPT arguments as
     * received and the message as the server decoded it. The dump lives in a world-writable folder of its own,
     * since smtp-sink writes it as {@code nobody}; closing stops the sink and deletes the folder.
     */
    public static Dumping startDumping(Path dir, String... options) throws IOException {
        Path dumps = Files.createTempDirectory("smtp-sink-dump");
        Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = dumps.resolve("dump");
        List<String> all = new ArrayList<>(List.of(options));
        all.add("-D");
        all.add(file.toString());
        try {
            return new Dumping(start(dir, all.toArray(new String[0])), file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(dumps);
            throw e;
        }
    }

    /** A dumping smtp-sink. */
    public static final class Dumping implements AutoCloseable {
        private final PeerProcess process;
        private final Path file;

        private Dumping(PeerProcess process, Path file) {
            this.process = process;
            this.file = file;
        }

        /** The sink. */
        public PeerProcess process() {
            return process;
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
}
