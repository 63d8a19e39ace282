package dev.pillarbox.server.web;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the open pages that the Maildir changed: a {@link WatchService} on {@code new/} and {@code cur/} sees a
 * message delivered (the rename into {@code new/} that completes a Maildir delivery), moved or deleted,
 * by this server or by any other process, and every subscriber (one per server-sent-events stream) is woken with
 * the change's sequence number. A page then asks for the list again.
 */
final class MailEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailEvents.class);

    /** Subscribers at most: each holds a request thread for as long as its page is open. */
    static final int MAX_SUBSCRIBERS = 32;

    private final WatchService watcher;
    private final Thread thread;
    private final AtomicLong sequence = new AtomicLong();
    private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();

    private MailEvents(WatchService watcher) {
        this.watcher = watcher;
        this.thread = new Thread(this::watch, "web-inbox-watch");
        this.thread.setDaemon(true);
    }

    /** Watches the Maildir of {@code reader}. */
    static MailEvents watch(MaildirReader reader) throws IOException {
        WatchService watcher = FileSystems.getDefault().newWatchService();
        try {
            for (Path dir : new Path[] {reader.newDirectory(), reader.curDirectory()}) {
                dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            }
        } catch (IOException e) {
            watcher.close();
            throw new IOException("cannot watch the Maildir " + reader.root() + ": " + e.getMessage(), e);
        }
        MailEvents events = new MailEvents(watcher);
        events.thread.start();
        return events;
    }

    /**
     * A new subscription, or empty when {@link #MAX_SUBSCRIBERS} are open already.
     */
    Optional<Subscription> subscribe() {
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            return Optional.empty();
        }
        Subscription subscription = new Subscription();
        subscribers.add(subscription);
        return Optional.of(subscription);
    }

    /** Wakes every subscriber: the Maildir changed. */
    void changed() {
        long n = sequence.incrementAndGet();
        for (Subscription s : subscribers) {
            s.changes.offer(n);
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                // an overflow event means "some changes were lost": a change all the same
                boolean any = !key.pollEvents().isEmpty();
                key.reset();
                if (any) {
                    changed();
                }
            }
        } catch (ClosedWatchServiceException e) {
            LOG.debug("Maildir watch closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.warn("closing the Maildir watch failed: {}", e.toString());
        }
        for (Subscription s : subscribers) {
            s.changes.offer(Subscription.CLOSED);
        }
    }

    /** One stream's view of the changes. */
    final class Subscription implements AutoCloseable {

        static final long CLOSED = -1;

        private final BlockingQueue<Long> changes = new LinkedBlockingQueue<>();

        /**
         * Waits up to {@code timeoutMillis} for a change.
         *
         * @return the latest change's sequence number (later ones since the last call are folded into it), 0 when
         *     none came in time, or {@link #CLOSED} when the inbox is closing
         */
        long next(long timeoutMillis) throws InterruptedException {
            Long first = changes.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (first == null) {
                return 0;
            }
            long latest = first;
            for (Long more; (more = changes.poll()) != null; ) {
                latest = latest == CLOSED || more == CLOSED ? CLOSED : Math.max(latest, more);
            }
            return latest;
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
