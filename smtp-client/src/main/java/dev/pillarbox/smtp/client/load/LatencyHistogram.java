package dev.pillarbox.smtp.client.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Message latencies in fixed memory, HDR-style: values below 256 ns are counted exactly, larger ones in buckets of
 * 1/128 of their power of two, so every percentile is within 0.8% of the true value; the maximum is exact. Values
 * from 2^40 ns (18 minutes) on are counted in the last bucket. Thread-safe: sessions record concurrently with atomic
 * increments, which allocate nothing.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 8;
    private static final int HALF = 1 << (SUB_BITS - 1);
    private static final int MAX_BIT = 40;
    private static final int SIZE = (MAX_BIT - SUB_BITS + 2) * HALF + HALF;

    private final AtomicLongArray counts = new AtomicLongArray(SIZE);
    private final AtomicLong max = new AtomicLong();

    /** Records one latency. */
    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts.incrementAndGet(index(v));
        long m = max.get();
        while (v > m && !max.compareAndSet(m, v)) {
            m = max.get();
        }
    }

    static int index(long v) {
        if (v < 2 * HALF) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        if (msb > MAX_BIT) {
            return SIZE - 1;
        }
        int shift = msb - (SUB_BITS - 1);
        return shift * HALF + (int) (v >>> shift);
    }

    /** The highest value counted in bucket {@code index}. */
    static long highest(int index) {
        if (index < 2 * HALF) {
            return index;
        }
        int shift = index / HALF - 1;
        long mantissa = index % HALF + HALF;
        return ((mantissa + 1) << shift) - 1;
    }

    /** The percentiles of what was recorded. */
    LatencySummary summary() {
        long total = 0;
        long[] snapshot = new long[SIZE];
        for (int i = 0; i < SIZE; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        long maximum = max.get();
        return new LatencySummary(total, percentile(snapshot, total, 0.50, maximum),
                percentile(snapshot, total, 0.90, maximum), percentile(snapshot, total, 0.99, maximum),
                Duration.ofNanos(maximum));
    }

    private static Duration percentile(long[] counts, long total, double p, long maximum) {
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Duration.ofNanos(Math.min(highest(i), maximum));
            }
        }
        return Duration.ofNanos(maximum);
    }
}
