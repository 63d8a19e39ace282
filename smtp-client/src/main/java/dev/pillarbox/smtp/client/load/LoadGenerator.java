package dev.pillarbox.smtp.client.load;

import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.Envelope;
import dev.pillarbox.smtp.client.ExtensionNotOfferedException;
import dev.pillarbox.smtp.client.MessageTooLargeException;
import dev.pillarbox.smtp.client.PreparedMessage;
import dev.pillarbox.smtp.client.RecipientResult;
import dev.pillarbox.smtp.client.RecipientStatus;
import dev.pillarbox.smtp.client.SendResult;
import dev.pillarbox.smtp.client.SmtpClient;
import dev.pillarbox.smtp.client.SmtpClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a load: {@link LoadSettings#sessions()} sessions, each on its own thread (virtual on Java 21+), take messages
 * from a shared count until {@link LoadSettings#messages()} are sent or the time limit passes. The message is encoded
 * once ({@link PreparedMessage}: command lines and dot-stuffed data as bytes) and copied into each connection's
 * reused buffer, so encoding costs no garbage per message; with connections reused and PIPELINING offered, the end of
 * one message and the commands of the next share a write, so a message costs one round trip.
 *
 * <pre>{@code
 * LoadResult result = LoadGenerator.run(LoadSettings.builder("127.0.0.1", 2525).sessions(20).messages(20_000)
 *         .messageSize(1024).build(), progress -> System.err.print("\r" + progress));
 * System.out.print(result.summary());
 * }</pre>
 */
public final class LoadGenerator {

    private final LoadSettings settings;
    private final ClientSettings client;
    private final byte[] content;
    private final Envelope envelope;
    private final AtomicLong remaining;
    private final long deadline;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final long start;
    private volatile PreparedMessage prepared;

    private LoadGenerator(LoadSettings settings) {
        this.settings = settings;
        this.client = settings.client();
        this.content = LoadMessage.content(settings.sender(), settings.recipient(), settings.messageSize());
        this.envelope = LoadMessage.envelope(settings.sender(), settings.recipient(), settings.recipientsPerMessage());
        this.remaining = new AtomicLong(settings.messages());
        this.start = System.nanoTime();
        this.deadline = settings.timeLimit().isPresent() ? start + settings.timeLimit().get().toNanos()
                : Long.MAX_VALUE;
    }

    /**
     * Runs the load and returns its result; {@code listener} hears about progress on this thread every progress
     * interval and once at the end.
     *
     * @throws InterruptedException if this thread is interrupted while waiting for the sessions
     */
    public static LoadResult run(LoadSettings settings, ProgressListener listener) throws InterruptedException {
        LoadGenerator run = new LoadGenerator(settings);
        CountDownLatch done = new CountDownLatch(settings.sessions());
        for (int i = 0; i < settings.sessions(); i++) {
            Threads.create(settings.threads(), "load-session-" + i, () -> {
                try {
                    run.session();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        long interval = settings.progressInterval().toNanos();
        while (!done.await(interval, TimeUnit.NANOSECONDS)) {
            listener.progress(run.progress());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - run.start);
        listener.progress(run.progress());
        Map<String, Long> errors = new HashMap<>();
        run.errors.forEach((cause, count) -> errors.put(cause, count.sum()));
        return new LoadResult(run.accepted.sum(), run.failed.sum(), elapsed, errors, run.latency.summary(),
                run.connections.sum());
    }

    private Progress progress() {
        return new Progress(accepted.sum(), failed.sum(), settings.messages(),
                Duration.ofNanos(System.nanoTime() - start), open.get());
    }

    /** Takes one message from the shared count, unless none is left or time is up. */
    private boolean claim() {
        return System.nanoTime() < deadline && remaining.decrementAndGet() >= 0;
    }

    /**
     * One session: connections one after another until the messages are gone. A connection is opened only for a
     * message already taken from the shared count, so no connection is opened for nothing.
     */
    private void session() {
        while (true) {
            Messages messages = new Messages(settings.reuseConnections() ? Long.MAX_VALUE : 1);
            if (!messages.hasNext()) {
                return;
            }
            long connectStart = System.nanoTime();
            SmtpClient smtp;
            try {
                smtp = SmtpClient.connect(settings.host(), settings.port(), client);
            } catch (SmtpClientException | RuntimeException e) {
                lost(e, messages);
                continue;
            }
            connections.increment();
            open.incrementAndGet();
            try {
                PreparedMessage message;
                try {
                    message = prepared(smtp);
                } catch (MessageTooLargeException | ExtensionNotOfferedException e) {
                    remaining.set(0); // the server cannot take this message at all: end the run, say why
                    throw e;
                }
                messages.message = message;
                smtp.sendAll(messages, result -> finished(result, messages, connectStart));
            } catch (SmtpClientException | RuntimeException e) {
                lost(e, messages);
            } finally {
                smtp.close();
                open.decrementAndGet();
            }
        }
    }

    /** The message encoded once, for the first server capabilities seen (the same server throughout). */
    private PreparedMessage prepared(SmtpClient smtp) throws SmtpClientException {
        PreparedMessage p = prepared;
        if (p == null) {
            synchronized (this) {
                p = prepared;
                if (p == null) {
                    p = smtp.prepare(envelope, content);
                    prepared = p;
                }
            }
        }
        return p;
    }

    private void finished(SendResult result, Messages messages, long connectStart) {
        messages.completed++;
        long nanos = settings.reuseConnections() ? result.elapsedNanos() : System.nanoTime() - connectStart;
        latency.record(nanos);
        if (result.acceptedByAll()) {
            accepted.increment();
            return;
        }
        failed.increment();
        for (RecipientResult r : result.recipients()) {
            if (r.status() != RecipientStatus.ACCEPTED) {
                error(Integer.toString(r.reply().code().value()), 1);
                return;
            }
        }
    }

    /**
     * A connection failed: the messages it had taken but not finished are lost with it (at least the one taken before
     * connecting, so that a dead server ends the run instead of spinning).
     */
    private void lost(Exception e, Messages messages) {
        long lost = messages.claimed - messages.completed;
        if (lost > 0) {
            failed.add(lost);
            error(e.getClass().getSimpleName(), lost);
        }
    }

    private void error(String cause, long count) {
        errors.computeIfAbsent(cause, c -> new LongAdder()).add(count);
    }

    /** The messages of one connection: the same prepared message, as long as the shared count lasts. */
    private final class Messages implements Iterator<PreparedMessage> {
        private final long limit;
        PreparedMessage message;
        /** Messages taken from the shared count for this connection. */
        long claimed;
        /** Messages of this connection with a result. */
        long completed;
        private boolean pending;

        Messages(long limit) {
            this.limit = limit;
        }

        @Override
        public boolean hasNext() {
            if (!pending && claimed < limit && claim()) {
                pending = true;
                claimed++; // taken from the shared count now, so a failure before next() still counts it
            }
            return pending;
        }

        @Override
        public PreparedMessage next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            pending = false;
            return message;
        }
    }
}
