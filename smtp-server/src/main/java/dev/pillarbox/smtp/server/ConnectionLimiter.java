package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.spi.ServerEvents.ConnectionRefusal;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections in total and per client IP address. A connection takes a permit before it gets a
 * thread and gives it back in {@link SmtpConnection#run()}'s finally block. Clients in the trusted networks count
 * only toward the total, as Postfix exempts {@code $mynetworks} from its per-client anvil limits.
 */
final class ConnectionLimiter {

    private final int maxTotal;
    private final int maxPerClient;
    private final Networks trusted;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxTotal, int maxPerClient, Networks trusted) {
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
        this.trusted = trusted;
    }

    /**
     * Takes a permit for a connection from {@code client}.
     *
     * @return null when the permit was granted, else the limit that refuses it ({@link ConnectionRefusal#LIMIT} or
     *     {@link ConnectionRefusal#PER_CLIENT_LIMIT})
     */
    ConnectionRefusal tryAcquire(InetAddress client) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return ConnectionRefusal.LIMIT;
        }
        if (trusted.contains(client)) {
            return null; // not counted per client, so release finds no entry for it either
        }
        boolean[] granted = new boolean[1];
        perClient.compute(client, (address, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerClient) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        if (!granted[0]) {
            total.decrementAndGet();
            return ConnectionRefusal.PER_CLIENT_LIMIT;
        }
        return null;
    }

    /** Gives back a permit taken by {@link #tryAcquire}. */
    void release(InetAddress client) {
        perClient.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
        total.decrementAndGet();
    }

    /** Connections open now. */
    int open() {
        return total.get();
    }
}
