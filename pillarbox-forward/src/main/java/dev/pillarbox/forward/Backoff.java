package dev.pillarbox.forward;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** When a deferred recipient is tried again: a schedule of waits, the last repeating. */
final class Backoff {

    private Backoff() {
    }

    /**
     * Postfix's schedule: {@code min}, doubling each time, capped at {@code max} (minimal_backoff_time 300s,
     * maximal_backoff_time 4000s: 300, 600, 1200, 2400, 4000, 4000, ...).
     */
    static List<Duration> doubling(Duration min, Duration max) {
        List<Duration> waits = new ArrayList<>();
        Duration d = min;
        while (d.compareTo(max) < 0) {
            waits.add(d);
            d = d.multipliedBy(2);
        }
        waits.add(max);
        return List.copyOf(waits);
    }

    /** The wait after the {@code attempts}-th failed attempt (1 = after the first). */
    static Duration after(List<Duration> schedule, int attempts) {
        int i = Math.max(0, Math.min(attempts - 1, schedule.size() - 1));
        return schedule.get(i);
    }
}
