package dev.pillarbox.smtp.client.load;

import java.time.Duration;

/**
 * Where a load run stands, for a one-line live display.
 *
 * @param accepted messages accepted by every recipient so far
 * @param failed messages refused, deferred or lost with their connection so far
 * @param target the messages the run will send (with a time limit, it may stop earlier)
 * @param elapsed time since the run started
 * @param sessionsOpen sessions connected right now
 */
public record Progress(long accepted, long failed, long target, Duration elapsed, int sessionsOpen) {

    /** Messages finished, accepted or not. */
    public long done() {
        return accepted + failed;
    }

    /** Finished messages per second so far. */
    public double messagesPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos == 0 ? 0 : done() * 1e9 / nanos;
    }

    /** E.g. {@code 12,345/20,000 messages, 3 failed, 24,690 msg/s, 20 sessions, 0.5 s}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%,d/%,d messages, %,d failed, %,.0f msg/s, %d sessions, %.1f s",
                done(), target, failed, messagesPerSecond(), sessionsOpen, elapsed.toNanos() / 1e9);
    }
}
