package dev.pillarbox.server.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reference server ({@code dev.pillarbox.server.cli.Main serve}) in a JVM of its own, started with the
 * same {@code java} binary and the test's own class path (the shaded jar is only built at {@code package}, after
 * the tests), listening on a free loopback port. {@link #close()} kills it if it is still running.
 */
final class ReferenceServerProcess implements AutoCloseable {

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private ReferenceServerProcess(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /**
     * Starts the server on {@code maildir} and waits (at most 60 s) until it answers with a 220 greeting.
     *
     * @param env extra {@code PILLARBOX_*} configuration variables
     * @param jvmOptions options for the server's JVM, e.g. a heap size
     */
    static ReferenceServerProcess start(Path maildir, Path log, Map<String, String> env, List<String> jvmOptions)
            throws IOException {
        return start(maildir, log, env, jvmOptions, List.of("--log-level", "warn"), true);
    }

    /**
     * As {@link #start(Path, Path, Map, List)}, with {@code options} for {@code serve} instead of a quiet log, and only
     * the server's standard output (its log) in {@code log}: the JVM's own warnings on standard error (JDK 24+ warns
     * about Guava's use of {@code sun.misc.Unsafe}) go to {@code log} with {@code .stderr} appended.
     */
    static ReferenceServerProcess start(Path maildir, Path log, Map<String, String> env, List<String> jvmOptions,
            List<String> options) throws IOException {
        return start(maildir, log, env, jvmOptions, options, false);
    }

    private static ReferenceServerProcess start(Path maildir, Path log, Map<String, String> env,
            List<String> jvmOptions, List<String> options, boolean mergeErrors) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.pillarbox.server.cli.Main",
                "serve", "--listen", "127.0.0.1:" + port, "--maildir", maildir.toString(),
                "--hostname", "reliability.test.example"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(log.toFile());
        if (mergeErrors) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(log.resolveSibling(log.getFileName() + ".stderr").toFile());
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        ReferenceServerProcess server =
                new ReferenceServerProcess(process, new InetSocketAddress("127.0.0.1", port), log);
        boolean up = Probes.await(() -> !process.isAlive() || server.greets(), Duration.ofSeconds(60));
        if (!up || !process.isAlive()) {
            server.close();
            throw new IOException("the reference server did not start; its output: "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return server;
    }

    private boolean greets() {
        try (RawClient client = RawClient.connect(address, Duration.ofSeconds(2))) {
            return client.readReply().startsWith("220 ");
        } catch (IOException e) {
            return false;
        }
    }

    /** Where it listens. */
    InetSocketAddress address() {
        return address;
    }

    /** The process. */
    Process process() {
        return process;
    }

    /** Its VmRSS in bytes (Linux), or -1. */
    long residentSetBytes() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        return -1;
    }

    /** SIGKILL (on Linux {@link Process#destroyForcibly()}); returns the exit status. */
    int kill() throws InterruptedException, IOException {
        process.destroyForcibly();
        return awaitExit();
    }

    /** SIGTERM, the graceful shutdown; returns the exit status. */
    int terminate() throws InterruptedException, IOException {
        process.destroy();
        return awaitExit();
    }

    private int awaitExit() throws InterruptedException, IOException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IOException("the server did not exit; its output: " + Files.readString(log));
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
