package dev.pillarbox.smtp.milter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.pillarbox.smtp.milter.MilterSocket;

/**
 * The test milter of {@code src/test/resources/milter/test_milter.py} (pymilter, Debian's python3-milter) run by
 * Debian's {@code /usr/bin/python3}, with its report folder.
 */
public final class PyMilter implements AutoCloseable {

    public static final String PYTHON = "/usr/bin/python3";

    private final ExternalProcess process;
    private final Path reports;
    private final MilterSocket socket;

    private PyMilter(ExternalProcess process, Path reports, MilterSocket socket) {
        this.process = process;
        this.reports = reports;
        this.socket = socket;
    }

    /** Starts the milter in {@code mode} ("full" or "lean") on a Unix socket in {@code dir}. */
    public static PyMilter onUnixSocket(Path dir, String mode) throws IOException, InterruptedException {
        Path sock = dir.resolve(mode + ".sock");
        return start(dir, mode, "unix:" + sock, MilterSocket.unix(sock), () -> ExternalProcess.accepts(null, null, 0, sock),
                Map.of());
    }

    /** Starts the milter in {@code mode} on a free loopback TCP port, written Sendmail's way (inet:port@host). */
    public static PyMilter onTcp(Path dir, String mode, Map<String, String> env)
            throws IOException, InterruptedException {
        int port = ExternalProcess.freePort();
        // both sides write the socket the Sendmail way
        return start(dir, mode, "inet:" + port + "@127.0.0.1", MilterSocket.parse("inet:" + port + "@127.0.0.1"),
                () -> ExternalProcess.accepts(null, "127.0.0.1", port, null), env);
    }

    private static PyMilter start(Path dir, String mode, String libmilterSocket, MilterSocket socket,
            java.util.function.BooleanSupplier ready, Map<String, String> env) throws IOException, InterruptedException {
        Path script = dir.resolve("test_milter.py");
        if (!Files.exists(script)) {
            try (InputStream in = PyMilter.class.getResourceAsStream("/milter/test_milter.py")) {
                Files.copy(in, script);
            }
        }
        Path reports = Files.createDirectories(dir.resolve("reports-" + mode));
        ExternalProcess p = ExternalProcess.start("pymilter-" + mode, dir,
                List.of(PYTHON, script.toString(), libmilterSocket, reports.toString(), mode), env,
                Duration.ofSeconds(20), ready);
        return new PyMilter(p, reports, socket);
    }

    public MilterSocket socket() {
        return socket;
    }

    /** The report the milter wrote for queue id {@code queueId}, waiting for it up to 10 s. */
    public Map<String, String> report(String queueId) throws IOException {
        Path file = reports.resolve(queueId + ".json");
        ExternalProcess.await(Duration.ofSeconds(10), "the test milter's report " + file, () -> Files.exists(file));
        return FlatJson.parse(Files.readString(file));
    }

    public String log() throws IOException {
        return process.log();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
