package dev.pillarbox.server.reliability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Measurements and waits shared by the reliability tests: heap used after a full collection, live platform
 * threads, and a deadline-bounded wait for a condition (never a fixed sleep).
 */
final class Probes {

    private static final long POLL_NANOS = 5_000_000;

    private Probes() {
    }

    /**
     * Heap in use after garbage collection: the smallest of a few {@code System.gc()} rounds, so that garbage a
     * concurrent thread made between two rounds does not count.
     */
    static long usedHeapAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** Live platform threads of this JVM (virtual threads are not counted by the MXBean). */
    static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Waits until {@code condition} holds or {@code timeout} passes; returns whether it held. */
    static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return condition.getAsBoolean();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    /** Whether this JVM has virtual threads (Java 21+); the tests are compiled for Java 17. */
    static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }
}
