package dev.pillarbox.smtp.plugins.examples.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.plugins.examples.ManualClock;
import dev.pillarbox.smtp.plugins.examples.greylist.GreylistTable.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GreylistTableTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Triplet triplet(int n) {
        return new Triplet("192.0.2.0/24", "<s" + n + "@example.org>", "<r@example.net>");
    }

    private static GreylistTable table(int maxEntries) {
        return new GreylistTable(new GreylistSettings(Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofDays(36),
                maxEntries, new ManualClock(T0)));
    }

    @Test
    void verdictsFollowTheTripletsLife() {
        GreylistTable table = table(10);
        assertThat(table.check(triplet(1), T0)).isEqualTo(Verdict.DEFER);
        assertThat(table.remaining(triplet(1), T0.plusSeconds(60))).isEqualTo(Duration.ofMinutes(4));
        assertThat(table.check(triplet(1), T0.plusSeconds(299))).isEqualTo(Verdict.DEFER);
        assertThat(table.check(triplet(1), T0.plusSeconds(300))).isEqualTo(Verdict.PASS_FIRST);
        assertThat(table.check(triplet(1), T0.plusSeconds(301))).isEqualTo(Verdict.PASS);
        assertThat(table.remaining(triplet(1), T0.plusSeconds(301))).isEqualTo(Duration.ZERO);
    }

    @Test
    void leastRecentlyUsedTripletIsEvictedFirst() {
        GreylistTable table = table(2);
        table.check(triplet(1), T0);
        table.check(triplet(2), T0);
        table.check(triplet(1), T0.plusSeconds(1)); // triplet 1 is now the most recently used
        table.check(triplet(3), T0.plusSeconds(2));
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.contains(triplet(1))).isTrue();
        assertThat(table.contains(triplet(2))).isFalse();
        assertThat(table.contains(triplet(3))).isTrue();
    }
}
