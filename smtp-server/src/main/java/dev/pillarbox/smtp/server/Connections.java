package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.spi.ServerEvents.ConnectionRefusal;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open connections of one server: admitted under the connection limits, registered until they end, and closed
 * in two rounds on shutdown (idle ones at once, the rest after the grace period).
 */
final class Connections implements ConnectionRegistry {

    private final ConnectionLimiter limiter;
    private final Set<SmtpConnection> open = ConcurrentHashMap.newKeySet();
    // a lock, not synchronized: connection threads may be virtual (no pinning on Java 21-23)
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ended = lock.newCondition();
    private volatile boolean shuttingDown;

    Connections(ConnectionLimiter limiter) {
        this.limiter = limiter;
    }

    /** Takes a permit for {@code client} under the total and per-client limits: null, or the limit it is over. */
    ConnectionRefusal admit(InetAddress client) {
        return limiter.tryAcquire(client);
    }

    /** Registers an admitted connection. */
    void add(SmtpConnection connection) {
        open.add(connection);
    }

    /** Gives back what {@link #admit} and {@link #add} took for a connection that never ran. */
    void rejected(SmtpConnection connection, InetAddress client) {
        open.remove(connection);
        limiter.release(client);
    }

    @Override
    public void closed(SmtpConnection connection, InetAddress client) {
        limiter.release(client);
        lock.lock();
        try {
            open.remove(connection);
            ended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** From now on connections idle at a command boundary end with 421. */
    void shuttingDown() {
        shuttingDown = true;
    }

    /** Connections open now. */
    int count() {
        return limiter.open();
    }

    /** The registered connections, for the read-deadline sweep. */
    Collection<SmtpConnection> all() {
        return Collections.unmodifiableSet(open);
    }

    /**
     * Sends {@code reply} to every connection waiting idle for a command ({@code force == false}), or to all of them
     * ({@code force == true}), and closes those.
     */
    void close(Reply reply, boolean force) {
        for (SmtpConnection connection : open) {
            connection.close(reply, force);
        }
    }

    /** Waits until every connection ended or {@code nanos} passed. */
    void awaitEmpty(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        lock.lock();
        try {
            long left;
            while (!open.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                ended.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }
}
