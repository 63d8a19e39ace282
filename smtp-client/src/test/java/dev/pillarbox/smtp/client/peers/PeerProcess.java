package dev.pillarbox.smtp.client.peers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * A server nobody here wrote, started by a test on loopback: its process, its output file, and its port. Ready only
 * after a real SMTP greeting arrived (generous deadline); stopped by its PID. A missing program fails the test, never
 * skips it (CI must not pass silently without the component).
 */
public final class PeerProcess implements AutoCloseable {

    /** How long a peer may take to greet its first client: generous, the machine is shared. */
    static final Duration READY_DEADLINE = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path output;
    private final int port;

    private PeerProcess(String name, Process process, Path output, int port) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts {@code command} (its output to {@code dir/name.log}) and waits until {@code port} greets with 220.
     *
     * @throws IllegalStateException if the program is missing, exits, or does not greet in time
     */
    static PeerProcess start(String name, List<String> command, Path dir, int port) throws IOException {
        return start(name, command, dir, port, null);
    }

    /** As {@link #start(String, List, Path, int)}, checking the greeting through {@code sockets} (e.g. TLS). */
    static PeerProcess start(String name, List<String> command, Path dir, int port, SocketFactory sockets)
            throws IOException {
        Path program = Path.of(command.get(0));
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException(program + " is missing: install the Debian packages in bin/test-packages"
                    + " (bin/test-deps does)");
        }
        Path output = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        PeerProcess peer = new PeerProcess(name, process, output, port);
        try {
            peer.awaitGreeting(sockets == null ? SocketFactory.getDefault() : sockets);
        } catch (RuntimeException | IOException e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** A port the OS just handed out and released (the peer binds it right after). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** True when the process runs as root (smtp-sink then needs -u, Postfix its own users). */
    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void awaitGreeting(SocketFactory sockets) throws IOException {
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + ": "
                        + log());
            }
            try (Socket s = sockets.createSocket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                byte[] buf = new byte[3];
                int n = in.readNBytes(buf, 0, 3);
                String code = new String(buf, 0, n, StandardCharsets.US_ASCII);
                if (code.equals("220")) {
                    s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                last = "greeting started with \"" + code + "\"";
            } catch (IOException e) {
                last = e.toString();
            }
            try {
                Thread.sleep(50); // polling a condition with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException(name + " did not greet on port " + port + " within " + READY_DEADLINE
                + " (" + last + "): " + log());
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** The PID. */
    public long pid() {
        return process.pid();
    }

    /** The peer's output so far. */
    public String log() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** Stops the process by its PID: SIGTERM, then SIGKILL if it has not exited within 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
