package dev.pillarbox.smtp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javax.net.SocketFactory;

/**
 * An external engine a test starts on loopback ({@link RedisProcess}, {@link RabbitMqNode}, {@link SmtpSink}, or a
 * subclass of a test's own): a process started with its own environment and log file, readiness checked by a real
 * protocol exchange (never a fixed sleep), and stopping by the PIDs started here (the process and its descendants),
 * never by name. A missing program, a process that exits before it is ready and one that is not ready in time fail
 * the test with the log's content.
 */
public abstract class EngineProcess implements AutoCloseable {

    /** Between two readiness checks: short, since every check has a deadline of its own. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private Process process;
    private Path log;

    /** For subclasses, which start the process with {@link #launch}. */
    protected EngineProcess() {
    }

    /**
     * A port the OS has just handed out on 127.0.0.1 (free now; the engine binds it next).
     *
     * @return the port
     * @throws IOException if no port can be had
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Fails the test unless {@code program} is installed: the suite never skips for want of a component.
     *
     * @param program the program's absolute path
     */
    public static void requireInstalled(Path program) {
        if (!Files.isExecutable(program)) {
            throw new AssertionError(program + " is not installed: run bin/test (it installs bin/test-packages)");
        }
    }

    /**
     * Starts {@code command} in the folder of {@code log}, its output appended to {@code log}, and returns when
     * {@link #ready()}. Stops what it started before it fails.
     *
     * @param command the program (an absolute path) and its arguments
     * @param env variables added to this JVM's environment
     * @param log where its standard output and standard error go
     * @param deadline how long it may take to become ready
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    protected final void launch(List<String> command, Map<String, String> env, Path log, Duration deadline)
            throws IOException, InterruptedException {
        requireInstalled(Path.of(command.get(0)));
        this.log = log;
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                int status = process.exitValue();
                stop(); // its descendants, if any
                throw new AssertionError(command.get(0) + " exited with " + status + ": " + log());
            }
            if (ready()) {
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                close();
                throw new InterruptedException("while waiting for " + command.get(0));
            }
        }
        stop();
        throw new AssertionError(command.get(0) + " was not ready after " + deadline + ": " + log());
    }

    /**
     * Whether the engine answers its protocol now; called between checks that it still runs.
     *
     * @return true once it is ready
     */
    protected abstract boolean ready();

    /**
     * Whether it is running (started here and not stopped).
     *
     * @return true while it runs
     */
    public final boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * The PID of the process started last.
     *
     * @return its PID
     * @throws IllegalStateException if it was never started
     */
    public final long pid() {
        if (process == null) {
            throw new IllegalStateException("not started");
        }
        return process.pid();
    }

    /**
     * Its output so far, empty before it was started.
     *
     * @return the log file's content, or why it cannot be read
     */
    public String log() {
        try {
            return log != null && Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * Stops it at once (SIGKILL to every process started here), as a crash or a pulled cable would.
     *
     * @throws InterruptedException if interrupted while waiting for the processes to end
     */
    public final void kill() throws InterruptedException {
        end(true);
    }

    /**
     * Stops it (SIGTERM, then SIGKILL after 30 s) and waits until every process started here has ended.
     *
     * @throws InterruptedException if interrupted while waiting for the processes to end
     */
    public final void stop() throws InterruptedException {
        end(false);
    }

    private void end(boolean force) throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        for (ProcessHandle p : all) {
            if (force) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                p.destroyForcibly();
            }
        }
        process.waitFor(10, TimeUnit.SECONDS); // reaps it: a zombie would still look alive
        process = null;
    }

    /**
     * Sends {@code request} to 127.0.0.1:{@code port} and whether the answer starts with {@code expected}.
     *
     * @param port the port on 127.0.0.1
     * @param request what to send first (may be empty)
     * @param expected the first bytes of the answer
     * @return whether the answer began so
     */
    protected static boolean answers(int port, byte[] request, byte[] expected) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] got = in.readNBytes(expected.length);
            return Arrays.equals(got, expected);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether an SMTP or LMTP server on 127.0.0.1:{@code port} greets with 220; then says QUIT.
     *
     * @param port the port on 127.0.0.1
     * @param sockets how to connect (a TLS factory for implicit TLS)
     * @return whether the greeting began with 220
     */
    protected static boolean greets(int port, SocketFactory sockets) {
        try (Socket socket = sockets.createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            byte[] code = socket.getInputStream().readNBytes(3);
            if (!Arrays.equals(code, "220".getBytes(StandardCharsets.US_ASCII))) {
                return false;
            }
            socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops it; an interrupt while waiting kills what is left instead, and stays set. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
