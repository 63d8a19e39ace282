package dev.pillarbox.smtp.plugins.examples.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: holds up to {@code burst} tokens, refills continuously at {@code ratePerMinute}, and an action
 * that finds a token takes it. Not thread-safe; {@link ClientBuckets} guards it.
 */
final class TokenBucket {

    private static final double NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    private final double ratePerNano;
    private final int burst;
    private double tokens;
    private Instant refilled;

    TokenBucket(int ratePerMinute, int burst, Instant now) {
        this.ratePerNano = ratePerMinute / NANOS_PER_MINUTE;
        this.burst = burst;
        this.tokens = burst;
        this.refilled = now;
    }

    /** Takes a token if there is one at {@code now}. */
    boolean tryTake(Instant now) {
        if (now.isAfter(refilled)) {
            double elapsed = Duration.between(refilled, now).toNanos();
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
            refilled = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
