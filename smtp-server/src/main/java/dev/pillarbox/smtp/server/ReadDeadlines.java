package dev.pillarbox.smtp.server;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that enforces the read deadlines of every connection, so that a connection's blocking read
 * carries no timeout of its own. Measured on JDK 25 (docs/performance.md): a socket read with {@code SO_TIMEOUT} on a
 * virtual thread arms and cancels a timer in the scheduler for every read, and on a platform thread turns one
 * blocking {@code read} into {@code read} (EAGAIN), {@code poll}, {@code read}; with four reads per message that cost
 * ~40% of the server CPU of a small-message workload. A sweep over the open connections a few times per idle timeout
 * costs nothing per read, and a connection whose deadline passed has the input of its TCP socket shut down: its read
 * (under TLS too, and a TLS handshake) returns at once and the connection answers {@code 421} exactly as after a
 * socket timeout. Under TLS a socket timeout would not do in any case: it bounds each network read, not the TLS
 * record or handshake that a client may split into as many of them as it likes (see {@link Transport}).
 */
final class ReadDeadlines implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadDeadlines.class);
    // the sweep interval: a tenth of the shortest timeout, within these bounds
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Collection<SmtpConnection> connections;
    private final long periodNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private final Thread thread;
    private boolean closed;

    private ReadDeadlines(Collection<SmtpConnection> connections, Duration timeout) {
        this.connections = connections;
        this.periodNanos = Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, timeout.toNanos() / 10));
        this.thread = new Thread(this::run, "smtp-read-deadlines");
        this.thread.setDaemon(true);
    }

    /**
     * Starts sweeping {@code connections} (a concurrent collection: it is iterated while connections come and go)
     * often enough for {@code timeout}, the shortest read timeout of the server.
     */
    static ReadDeadlines start(Collection<SmtpConnection> connections, Duration timeout) {
        ReadDeadlines deadlines = new ReadDeadlines(connections, timeout);
        deadlines.thread.start();
        return deadlines;
    }

    /** The time between two sweeps. */
    Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    private void run() {
        lock.lock();
        try {
            while (!closed) {
                long now = System.nanoTime();
                for (SmtpConnection connection : connections) {
                    try {
                        connection.expireRead(now);
                    } catch (RuntimeException e) {
                        LOG.warn("read deadline of {} failed", connection.id(), e);
                    }
                }
                stopped.awaitNanos(periodNanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // only close() stops the sweep; an interrupt ends the thread too
        } finally {
            lock.unlock();
        }
    }

    /** Stops the sweeps; connections still open keep their deadlines unenforced (the server is closing them). */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
