package dev.pillarbox.smtp.milter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import dev.pillarbox.smtp.milter.MilterSocket;
import dev.pillarbox.smtp.testing.EngineProcess;

/**
 * A real component (a filter daemon) started by a test on loopback, ready when a check of its own holds (a
 * connection, a milter negotiation), and stopped by its PID. Its output goes to a log file in its own folder, shown
 * when it does not come up.
 */
public final class ExternalProcess extends EngineProcess {

    private final BooleanSupplier ready;

    private ExternalProcess(BooleanSupplier ready) {
        this.ready = ready;
    }

    /**
     * Starts {@code command} in {@code dir} with output to {@code dir/<name>.log} and returns once {@code ready}
     * holds, failing with the log if it exits or {@code timeout} passes.
     */
    public static ExternalProcess start(String name, Path dir, List<String> command, Map<String, String> env,
            Duration timeout, BooleanSupplier ready) throws IOException, InterruptedException {
        ExternalProcess process = new ExternalProcess(ready);
        process.launch(command, env, dir.resolve(name + ".log"), timeout);
        return process;
    }

    @Override
    protected boolean ready() {
        return ready.getAsBoolean();
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

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // a condition with its own deadline
        }
    }
}
