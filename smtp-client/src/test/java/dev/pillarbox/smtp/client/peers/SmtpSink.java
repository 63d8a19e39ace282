package dev.pillarbox.smtp.client.peers;

import java.io.IOException;
import java.nio.file.Path;
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
}
