package dev.pillarbox.smtp.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The one daemon thread, shared by every client in the JVM, that enforces {@link Deadline}s: it looks at each
 * registered deadline every few milliseconds (an eighth of the shortest timeout, 2 ms to 500 ms) and sleeps while
 * none is registered. Started on first use; a client costs it one set entry.
 */
final class DeadlineWatchdog implements Runnable {

    private static final DeadlineWatchdog INSTANCE = new DeadlineWatchdog();

    private final Set<Deadline> deadlines = ConcurrentHashMap.newKeySet();
    private Thread thread;

    private DeadlineWatchdog() {
    }

    static void register(Deadline deadline) {
        INSTANCE.add(deadline);
    }

    static void deregister(Deadline deadline) {
        INSTANCE.deadlines.remove(deadline);
    }

    private void add(Deadline deadline) {
        deadlines.add(deadline);
        Thread t;
        synchronized (this) {
            if (thread == null) {
                thread = new Thread(this, "pillarbox-smtp-client-deadlines");
                thread.setDaemon(true);
                thread.start();
            }
            t = thread;
        }
        LockSupport.unpark(t); // it may be sleeping longer than the new deadline's tick
    }

    @Override
    public void run() {
        while (true) {
            long now = System.nanoTime();
            long tick = Long.MAX_VALUE;
            for (Deadline d : deadlines) {
                d.check(now);
                tick = Math.min(tick, d.tickNanos());
            }
            if (tick == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, tick);
            }
        }
    }
}
