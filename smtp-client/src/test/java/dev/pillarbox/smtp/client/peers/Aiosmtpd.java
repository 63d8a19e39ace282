package dev.pillarbox.smtp.client.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.SocketFactory;

import dev.pillarbox.smtp.testing.EngineProcess;

/**
 * Python's aiosmtpd (Debian package python3-aiosmtpd, run with {@code /usr/bin/python3}, which sees Debian's
 * packages) driven by a small script the test writes to its temporary folder ({@code aiosmtpd_peer.py}): SMTP or
 * LMTP, STARTTLS or implicit TLS, AUTH PLAIN/LOGIN, SMTPUTF8, a SIZE limit. Received messages land in a folder.
 */
public final class Aiosmtpd {

    static final String PYTHON = "/usr/bin/python3";

    private Aiosmtpd() {
    }

    /**
     * Starts aiosmtpd with the script's {@code options} (e.g. {@code "--lmtp"}); messages go to {@code dir/mail}.
     *
     * @param greetingSockets how the readiness check connects (TLS for {@code --implicit-tls}), null for plain
     */
    public static PeerProcess start(Path dir, SocketFactory greetingSockets, String... options)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path script = dir.resolve("aiosmtpd_peer.py");
        if (!Files.exists(script)) {
            try (InputStream in = Objects.requireNonNull(Aiosmtpd.class.getResourceAsStream("/peers/aiosmtpd_peer.py"),
                    "aiosmtpd_peer.py on the test class path")) {
                Files.copy(in, script);
            }
        }
        Path mail = Files.createDirectories(dir.resolve("mail"));
        int port = EngineProcess.freePort();
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), "--port", Integer.toString(port),
                "--dir", mail.toString()));
        command.addAll(Arrays.asList(options));
        return PeerProcess.start("aiosmtpd", command, dir, port, greetingSockets);
    }
}
