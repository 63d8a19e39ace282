package dev.pillarbox.smtp.extensions.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Failed AUTH attempts per client address, for a delay that doubles with each failure: {@code failureDelay},
 * then twice that, four times, ... up to {@code maxFailureDelay}. The map is bounded (least recently seen
 * addresses are dropped first) and an address is forgotten {@code failureWindow} after its last failure or at its
 * next success. Shared by all sessions; a lock, not {@code synchronized}, so virtual threads do not pin.
 */
final class FailureThrottle implements AuthFailures {

    private final AuthSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<InetAddress, long[]> failures; // address -> {count, nanoTime of last failure}

    FailureThrottle(AuthSettings settings) {
        this.settings = settings;
        int bound = settings.trackedClients();
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
                return size() > bound;
            }
        };
    }

    /** Nothing to check: memory always answers. */
    @Override
    public void admit(InetAddress client) {
        // memory cannot be unreachable
    }

    /** Records a failure from {@code client} and returns how long to wait before answering it. */
    @Override
    public Duration failed(InetAddress client) {
        long now = System.nanoTime();
        long count;
        lock.lock();
        try {
            long[] entry = failures.get(client);
            if (entry == null || now - entry[1] > settings.failureWindow().toNanos()) {
                entry = new long[2];
                failures.put(client, entry);
            }
            entry[0]++;
            entry[1] = now;
            count = entry[0];
        } finally {
            lock.unlock();
        }
        return delay(count);
    }

    /** Forgets {@code client}'s failures after it authenticated. */
    @Override
    public void succeeded(InetAddress client) {
        lock.lock();
        try {
            failures.remove(client);
        } finally {
            lock.unlock();
        }
    }

    /** Addresses remembered now. */
    int tracked() {
        lock.lock();
        try {
            return failures.size();
        } finally {
            lock.unlock();
        }
    }

    /** The delay after the {@code count}th failure: base * 2^(count-1), capped. */
    Duration delay(long count) {
        Duration max = settings.maxFailureDelay();
        Duration delay = settings.failureDelay();
        for (long i = 1; i < count && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
