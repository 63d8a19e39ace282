package dev.pillarbox.smtp.plugins.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Policy state that several server instances share (greylisting triplets, rate-limit buckets, AUTH failure counts),
 * so a client behind a load balancer meets the same policy whichever instance it reaches. Each operation is atomic
 * across instances: a read-modify-write race between two instances cannot hand out a token twice or forget a
 * failure. When no implementation is bound (the default), each feature keeps its state in memory, per instance.
 *
 * <p>Plugins ask for it through {@link SmtpBinder#policyState}; the reference server binds one when its
 * configuration names a state store ({@code state: redis://...}). Times come from the caller's clock, so every
 * instance should run NTP; expiries are the store's own.
 */
public interface PolicyState {

    /**
     * Takes one token from the bucket {@code bucket}, which holds up to {@code burst} tokens and refills at
     * {@code ratePerMinute}; a bucket never seen is full.
     *
     * @return whether a token was there to take
     * @throws PolicyStateException if the store cannot be reached in time
     */
    boolean tryTake(String bucket, int ratePerMinute, int burst, Instant now) throws PolicyStateException;

    /**
     * Records one failure under {@code key} and returns the failures recorded since the key was last quiet for
     * {@code window} (each failure restarts the window).
     *
     * @throws PolicyStateException if the store cannot be reached in time
     */
    long recordFailure(String key, Duration window) throws PolicyStateException;

    /**
     * The failures recorded under {@code key} within its window, zero when none.
     *
     * @throws PolicyStateException if the store cannot be reached in time
     */
    long failures(String key) throws PolicyStateException;

    /**
     * Forgets {@code key}'s failures.
     *
     * @throws PolicyStateException if the store cannot be reached in time
     */
    void forget(String key) throws PolicyStateException;

    /**
     * Records an attempt of greylisting triplet {@code triplet} at {@code now} and decides it: a new (or expired)
     * triplet is remembered for {@code unconfirmedExpiry} and deferred; an attempt {@code delay} after the first
     * passes and confirms it for {@code confirmedExpiry}, renewed at each later attempt.
     *
     * @throws PolicyStateException if the store cannot be reached in time
     */
    Greylisting greylist(String triplet, Instant now, Duration delay, Duration unconfirmedExpiry,
            Duration confirmedExpiry) throws PolicyStateException;

    /** What greylisting decided for one attempt. */
    enum GreylistVerdict {
        /** New, expired or too early: defer. */
        DEFER,
        /** First attempt after the delay: the triplet is confirmed now. */
        PASS_FIRST,
        /** Confirmed before. */
        PASS
    }

    /**
     * A greylisting decision.
     *
     * @param verdict defer or pass
     * @param remaining how long a deferred triplet still waits; zero when it passes
     */
    record Greylisting(GreylistVerdict verdict, Duration remaining) {

        /** Validates the components. */
        public Greylisting {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(remaining, "remaining");
            if (remaining.isNegative()) {
                throw new IllegalArgumentException("negative remaining delay " + remaining);
            }
        }
    }
}
