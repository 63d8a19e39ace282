package dev.pillarbox.smtp.milter;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds blocking channel operations in time: when a deadline passes, the channel is closed, which wakes a thread
 * blocked in connect, read or write with an exception. One daemon thread serves every session of a client; it
 * only closes channels. This works alike for TCP and Unix domain sockets (whose channels have no read timeout)
 * and for platform and virtual threads.
 */
final class DeadlineTimer implements AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    DeadlineTimer() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "milter-deadlines");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Starts a deadline {@code timeout} from now that closes {@code target} when it passes. */
    Deadline start(Closeable target, Duration timeout) {
        return new Deadline(target, timeout);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** One running deadline; {@link #close()} when the guarded operation is over. */
    final class Deadline implements AutoCloseable {
        private final Closeable target;
        private final Duration timeout;
        private volatile boolean expired;
        private ScheduledFuture<?> future;

        private Deadline(Closeable target, Duration timeout) {
            this.target = target;
            this.timeout = timeout;
            schedule();
        }

        private void schedule() {
            future = executor.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void expire() {
            expired = true;
            try {
                target.close();
            } catch (IOException e) {
                // the channel is gone either way; the blocked thread reports the timeout
            }
        }

        /** Starts the timeout again from now (a filter's SMFIR_PROGRESS), unless it already passed. */
        void extend() {
            future.cancel(false);
            if (!expired) {
                schedule();
            }
        }

        /** True once the deadline passed and the target was closed. */
        boolean expired() {
            return expired;
        }

        /** The timeout this deadline was started with. */
        Duration timeout() {
            return timeout;
        }

        @Override
        public void close() {
            future.cancel(false);
        }
    }
}
