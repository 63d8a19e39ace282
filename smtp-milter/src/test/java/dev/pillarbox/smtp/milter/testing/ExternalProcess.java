package dev.pillarbox.smtp.milter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.pillarbox.smtp.milter.MilterSocket;

/**
 * A real component (a filter daemon) started by a test on loopback and stopped by its PID. Its output goes to a
 * log file in its own folder, shown when it does not come up.
 */
public final class ExternalProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String what;

    private ExternalProcess(Process process, Path log, String what) {
        this.process = process;
        this.log = log;
        this.what = what;
    }

    /** Starts {@code command} in {@code dir} with output to {@code dir/<name>.log}. */
    public static ExternalProcess start(String name, Path dir, List<String> command, java.util.Map<String, String> env)
            throws IOException {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new ExternalProcess(pb.start(), log, name);
    }

    /** Waits until {@code ready} holds, failing with the process's log if it exits or the deadline passes. */
    public ExternalProcess awaitReady(Duration timeout, BooleanSupplier ready) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + ":\n" + logText());
            }
            if (ready.getAsBoolean()) {
                return this;
            }
            waitBriefly();
        }
        throw new IllegalStateException(what + " not ready within " + timeout + ":\n" + logText());
    }

    /** The process's output so far. */
    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no output)";
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** True when something accepts connections at {@code socket}. */
    public static boolean accepts(MilterSocket socket, String host, int port, Path unixPath) {
        try (SocketChannel c = unixPath != null ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open()) {
            c.connect(unixPath != null ? UnixDomainSocketAddress.of(unixPath) : new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago, as the OS handed it out. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Sleeps briefly between checks of a condition that has its own deadline. */
    public static void waitBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            waitBriefly();
        }
    }
}
