package dev.pillarbox.smtp.client;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One connection's deadline: armed before each blocking read, write or handshake and disarmed after it. When the
 * {@link DeadlineWatchdog} finds it expired, it closes the connection's socket, which ends the blocked operation on
 * any kind of thread; the connection then reports a timeout instead of the socket error.
 *
 * <p>Why not {@code SO_TIMEOUT}: it bounds reads only, and a server that stops reading would block a write forever;
 * one mechanism for both keeps reads plain blocking calls too.
 */
final class Deadline {

    private static final long IDLE = Long.MIN_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE + 1;
    private static final VarHandle AT;

    static {
        try {
            AT = MethodHandles.lookup().findVarHandle(Deadline.class, "at", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Closeable socket;
    private final long tickNanos;
    @SuppressWarnings("unused") // accessed through AT
    private volatile long at = IDLE;

    /**
     * @param socket what to close when the deadline passes
     * @param shortestTimeoutNanos the connection's shortest timeout; the watchdog looks at least eight times as often
     */
    Deadline(Closeable socket, long shortestTimeoutNanos) {
        this.socket = socket;
        this.tickNanos = Math.max(2_000_000L, Math.min(500_000_000L, shortestTimeoutNanos / 8));
    }

    /** Starts a blocking operation that must end within {@code nanos}. */
    void arm(long nanos) {
        long deadline = System.nanoTime() + nanos;
        if (deadline == IDLE || deadline == EXPIRED) {
            deadline += 2;
        }
        at = deadline;
    }

    /**
     * Ends the operation.
     *
     * @return false if the deadline had passed and the socket is closed (or being closed)
     */
    boolean disarm() {
        long d = at;
        return d != EXPIRED && AT.compareAndSet(this, d, IDLE);
    }

    /** True once the watchdog expired this deadline. */
    boolean expired() {
        return at == EXPIRED;
    }

    /** How often the watchdog should look, in nanoseconds. */
    long tickNanos() {
        return tickNanos;
    }

    /** Called by the watchdog: expires and closes if the deadline has passed at {@code now}. */
    void check(long now) {
        long d = at;
        if (d != IDLE && d != EXPIRED && now - d >= 0 && AT.compareAndSet(this, d, EXPIRED)) {
            try {
                socket.close();
            } catch (IOException e) {
                // the blocked operation fails either way; nothing more to do
            }
        }
    }
}
