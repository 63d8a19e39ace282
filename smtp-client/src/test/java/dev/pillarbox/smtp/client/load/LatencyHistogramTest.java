package dev.pillarbox.smtp.client.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucketsCoverEveryValueInOrderWithinOnePercent() {
        long previousHighest = -1;
        int previousIndex = -1;
        for (long v = 0; v < (1L << 41); v = v < 4096 ? v + 1 : v + v / 97) {
            int index = LatencyHistogram.index(v);
            assertThat(index).as("index of %d", v).isGreaterThanOrEqualTo(previousIndex);
            long highest = LatencyHistogram.highest(index);
            assertThat(highest).as("highest of the bucket of %d", v).isGreaterThanOrEqualTo(v);
            assertThat((double) (highest - v)).as("error at %d", v).isLessThanOrEqualTo(v / 128.0 + 1);
            if (index != previousIndex) {
                assertThat(LatencyHistogram.highest(index - 1 < 0 ? 0 : index - 1)).isLessThan(v == 0 ? 1 : v);
                previousHighest = highest;
            }
            previousIndex = index;
        }
        assertThat(previousHighest).isPositive();
    }

    @Test
    void percentilesOfAKnownDistribution() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            histogram.record(Duration.ofMillis(ms).toNanos());
        }
        LatencySummary summary = histogram.summary();
        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50().toNanos() / 1e6).isCloseTo(500, within(500 * 0.008));
        assertThat(summary.p90().toNanos() / 1e6).isCloseTo(900, within(900 * 0.008));
        assertThat(summary.p99().toNanos() / 1e6).isCloseTo(990, within(990 * 0.008));
        assertThat(summary.max()).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void sessionsRecordConcurrently() throws Exception {
        LatencyHistogram histogram = new LatencyHistogram();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            long seed = t;
            threads[t] = new Thread(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < 100_000; i++) {
                    histogram.record(random.nextInt(10_000_000));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(histogram.summary().count()).isEqualTo(400_000);
    }

    @Test
    void anEmptyHistogramSaysZero() {
        assertThat(new LatencyHistogram().summary()).isEqualTo(new LatencySummary(0, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO));
    }
}
