package dev.pillarbox.smtp.plugins.examples.xstats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters shared by every session of one server: one instance per injector (bound as a singleton by
 * {@link XstatsModule}), never a static, so two servers in one JVM count apart. Thread-safe: sessions run on
 * their own threads.
 */
public final class ServerStatistics {

    private final Clock clock;
    private final Instant started;
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong octets = new AtomicLong();

    /** Statistics whose uptime starts now on {@code clock}. */
    public ServerStatistics(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    /** Counts a session that reached the connect stage. */
    public void sessionOpened() {
        sessions.incrementAndGet();
    }

    /** Counts a message of {@code size} octets that passed the message hooks before the counter's. */
    public void messageAccepted(long size) {
        messages.incrementAndGet();
        octets.addAndGet(size);
    }

    /** Sessions seen since start. */
    public long sessions() {
        return sessions.get();
    }

    /** Messages counted since start. */
    public long messages() {
        return messages.get();
    }

    /** Octets of the messages counted, including the server's trace headers. */
    public long octets() {
        return octets.get();
    }

    /** Time since the statistics started, in whole seconds. */
    public Duration uptime() {
        return Duration.ofSeconds(Duration.between(started, clock.instant()).getSeconds());
    }
}
