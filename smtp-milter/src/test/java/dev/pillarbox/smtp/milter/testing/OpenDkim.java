package dev.pillarbox.smtp.milter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.pillarbox.smtp.milter.MilterSocket;

/**
 * A private OpenDKIM (Debian's opendkim 2.11) in signing mode on a free loopback port, with a key made by
 * {@code opendkim-genkey} in the test's folder. {@code RequireSafeKeys no}: the key sits in a folder the tests own,
 * which OpenDKIM would otherwise call unsafe and then tempfail every message without a word (no syslog here).
 */
public final class OpenDkim implements AutoCloseable {

    public static final String DOMAIN = "example.org";
    public static final String SELECTOR = "test";

    private final ExternalProcess process;
    private final MilterSocket socket;
    private final Path dir;

    private OpenDkim(ExternalProcess process, MilterSocket socket, Path dir) {
        this.process = process;
        this.socket = socket;
        this.dir = dir;
    }

    public static OpenDkim start(Path dir) throws Exception {
        ExternalProcess.requireInstalled(Path.of("/usr/sbin/opendkim-genkey")); // launch checks opendkim itself
        Process genkey = new ProcessBuilder("/usr/sbin/opendkim-genkey", "-b", "2048", "-d", DOMAIN, "-s", SELECTOR,
                "-D", dir.toString()).redirectErrorStream(true).start();
        String out = new String(genkey.getInputStream().readAllBytes());
        if (genkey.waitFor() != 0) {
            throw new IllegalStateException("opendkim-genkey failed: " + out);
        }
        int port = ExternalProcess.freePort();
        Files.writeString(dir.resolve("opendkim.conf"), String.join("\n",
                "Syslog no",
                "Background no",
                "Mode s",
                "Domain " + DOMAIN,
                "Selector " + SELECTOR,
                "KeyFile " + dir.resolve(SELECTOR + ".private"),
                "Socket inet:" + port + "@127.0.0.1",
                "RequireSafeKeys no",
                "PidFile " + dir.resolve("opendkim.pid"),
                "Canonicalization relaxed/simple",
                ""));
        MilterSocket socket = MilterSocket.inet("127.0.0.1", port);
        ExternalProcess p = ExternalProcess.start("opendkim", dir,
                List.of("/usr/sbin/opendkim", "-f", "-x", dir.resolve("opendkim.conf").toString()), Map.of(),
                Duration.ofSeconds(30), () -> ExternalProcess.accepts(socket, "127.0.0.1", port, null));
        return new OpenDkim(p, socket, dir);
    }

    public MilterSocket socket() {
        return socket;
    }

    /** The TXT record file opendkim-genkey wrote: the public key as DNS would publish it. */
    public Path record() {
        return dir.resolve(SELECTOR + ".txt");
    }

    public String log() throws IOException {
        return process.log();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
