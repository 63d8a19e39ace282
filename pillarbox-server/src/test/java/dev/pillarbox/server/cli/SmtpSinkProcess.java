package dev.pillarbox.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Postfix's {@code smtp-sink} (Debian package postfix) on a free loopback port, for the client commands' tests: it
 * takes SMTP or LMTP and throws the mail away; {@code -f CMD} refuses a command with 5xx, {@code -r CMD} with 4xx,
 * {@code -q CMD} hangs up instead of replying. Ready once it greets; stopped by its PID. A missing program fails the
 * test (bin/test-packages installs it). Public for the forwarding gateway's kill test (package reliability).
 */
public final class SmtpSinkProcess implements AutoCloseable {

    private static final Path PROGRAM = Path.of("/usr/sbin/smtp-sink");
    private static final Duration READY = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final int port;

    private SmtpSinkProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts smtp-sink with {@code options}, its output in {@code dir}. */
    public static SmtpSinkProcess start(Path dir, String... options) throws IOException, InterruptedException {
        if (!Files.isExecutable(PROGRAM)) {
            throw new AssertionError(PROGRAM + " is missing: install bin/test-packages (bin/test-deps does)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(PROGRAM.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody")); // it refuses to run as root without dropping privileges
        }
        command.addAll(List.of(options));
        command.addAll(List.of("127.0.0.1:" + port, "256"));
        Path log = Files.createTempFile(dir, "smtp-sink", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SmtpSinkProcess sink = new SmtpSinkProcess(process, log, port);
        try {
            sink.awaitGreeting();
        } catch (IOException | RuntimeException | InterruptedException e) {
            sink.close();
            throw e;
        }
        return sink;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private void awaitGreeting() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("smtp-sink exited " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                String code = new String(in.readNBytes(3), StandardCharsets.US_ASCII);
                if (code.equals("220")) {
                    s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                last = "greeting began \"" + code + "\"";
            } catch (IOException e) {
                last = e.toString();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling for readiness, bounded by the deadline
        }
        throw new IllegalStateException("smtp-sink did not greet on " + port + " within " + READY + " (" + last
                + "): " + log());
    }

    /** Its port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, for --server. */
    String server() {
        return "127.0.0.1:" + port;
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    /** Stops it by its PID: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
