package dev.pillarbox.smtp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the private engines ({@link RedisProcess}, {@link RabbitMqNode}) share: a free loopback port, a process
 * started with its own environment and log file, readiness checked by a real protocol exchange (never a fixed
 * sleep), and stopping by the PIDs started here (the process and its descendants), never by name.
 */
abstract class EngineProcess implements AutoCloseable {

    private Process process;

    /** A port the OS has just handed out on 127.0.0.1 (free now; the engine binds it next). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts {@code command}, output to {@code log}, and waits until {@link #ready()} or the deadline. */
    final void launch(List<String> command, Map<String, String> env, Path log, Duration deadline)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            throw new AssertionError(command.get(0) + " is not installed: run bin/test (it installs"
                    + " bin/test-packages)");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError(command.get(0) + " exited with " + process.exitValue() + ": "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            if (ready()) {
                return;
            }
            Thread.sleep(100);
        }
        stop();
        throw new AssertionError(command.get(0) + " was not ready after " + deadline + ": "
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Whether the engine answers its protocol now. */
    abstract boolean ready();

    /** Whether it is running (started here and not stopped). */
    public final boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops it at once (SIGKILL to every process started here), as a crash or a pulled cable would. */
    public final void kill() throws InterruptedException {
        end(true);
    }

    /** Stops it (SIGTERM, then SIGKILL after 30 s) and waits until every process started here has ended. */
    public final void stop() throws InterruptedException {
        end(false);
    }

    private void end(boolean force) throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
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
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                p.destroyForcibly();
            }
        }
        process.waitFor(10, TimeUnit.SECONDS); // reaps it: a zombie would still look alive
        process = null;
    }

    /** Sends {@code request} to 127.0.0.1:{@code port} and whether the answer starts with {@code expected}. */
    static boolean answers(int port, byte[] request, byte[] expected) {
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
