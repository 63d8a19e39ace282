package dev.pillarbox.smtp.client.load;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a load run achieved: messages accepted and failed, the rate, the errors by reply code (or by exception, for
 * connections that failed), and latency percentiles per message. Immutable.
 */
public final class LoadResult {

    private final long accepted;
    private final long failed;
    private final Duration elapsed;
    private final Map<String, Long> errors;
    private final LatencySummary latency;
    private final long connections;

    LoadResult(long accepted, long failed, Duration elapsed, Map<String, Long> errors, LatencySummary latency,
            long connections) {
        this.accepted = accepted;
        this.failed = failed;
        this.elapsed = elapsed;
        Map<String, Long> sorted = new LinkedHashMap<>();
        errors.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        this.errors = Collections.unmodifiableMap(sorted);
        this.latency = latency;
        this.connections = connections;
    }

    /** Messages every recipient accepted. */
    public long accepted() {
        return accepted;
    }

    /** Messages refused or deferred by at least one recipient, or lost with a failed connection. */
    public long failed() {
        return failed;
    }

    /** Messages finished, accepted or not. */
    public long messages() {
        return accepted + failed;
    }

    /** From the start of the first session to the end of the last. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Finished messages per second. */
    public double messagesPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos == 0 ? 0 : messages() * 1e9 / nanos;
    }

    /**
     * Failed messages by cause, most frequent first: the reply code that refused the message (e.g. {@code "450"}), or
     * the exception that ended its connection (e.g. {@code "SmtpConnectionClosedException"}).
     */
    public Map<String, Long> errors() {
        return errors;
    }

    /** Latency percentiles of the messages that got a final reply. */
    public LatencySummary latency() {
        return latency;
    }

    /** Connections opened. */
    public long connections() {
        return connections;
    }

    /** A few lines for people: rate, errors, latency. */
    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%,d messages in %.3f s: %,.0f msg/s; %,d accepted, %,d failed; %,d connections%n", messages(),
                elapsed.toNanos() / 1e9, messagesPerSecond(), accepted, failed, connections));
        if (!errors.isEmpty()) {
            sb.append("errors:");
            errors.forEach((cause, count) -> sb.append(String.format(Locale.ROOT, " %s x %,d;", cause, count)));
            sb.setLength(sb.length() - 1);
            sb.append(System.lineSeparator());
        }
        sb.append("latency per message: ").append(latency).append(System.lineSeparator());
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary().trim().replace(System.lineSeparator(), "; ");
    }
}
