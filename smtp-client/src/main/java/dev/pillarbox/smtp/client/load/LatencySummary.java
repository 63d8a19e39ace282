package dev.pillarbox.smtp.client.load;

import java.time.Duration;

/**
 * Percentiles of per-message latency: from the first command of a message written to its last reply read (with a new
 * connection per message, from the connect). Each percentile is within 0.8% of the exact value; the maximum is exact.
 *
 * @param count how many messages were measured
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param max the maximum
 */
public record LatencySummary(long count, Duration p50, Duration p90, Duration p99, Duration max) {

    /** E.g. {@code p50 0.61 ms, p90 0.95 ms, p99 2.10 ms, max 14.02 ms}. */
    @Override
    public String toString() {
        return "p50 " + ms(p50) + ", p90 " + ms(p90) + ", p99 " + ms(p99) + ", max " + ms(max);
    }

    static String ms(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", d.toNanos() / 1e6);
    }
}
