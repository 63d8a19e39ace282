package dev.pillarbox.smtp.plugins.examples.greylist;

import dev.pillarbox.smtp.plugins.api.PolicyState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The triplets seen, in memory, bounded: an access-ordered {@link LinkedHashMap} drops the least recently used
 * triplet when it is full. Thread-safe (every method is synchronized; each does a map lookup and no I/O).
 */
public final class GreylistTable implements TripletStore {

    /** What {@link #check} decided for one attempt. */
    public enum Verdict {
        /** New, expired or too early: defer. */
        DEFER,
        /** First attempt after the delay: the triplet is confirmed now. */
        PASS_FIRST,
        /** Confirmed before. */
        PASS
    }

    private final GreylistSettings settings;
    private final LinkedHashMap<Triplet, Seen> entries;

    /** An empty table. */
    public GreylistTable(GreylistSettings settings) {
        this.settings = settings;
        int max = settings.maxEntries();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Triplet, Seen> eldest) {
                return size() > max;
            }
        };
    }

    /** Records an attempt of {@code triplet} at {@code now} and decides it. */
    public synchronized Verdict check(Triplet triplet, Instant now) {
        Seen entry = entries.get(triplet);
        if (entry == null || !now.isBefore(entry.expires)) {
            entries.put(triplet, new Seen(now, null, now.plus(settings.unconfirmedExpiry())));
            return Verdict.DEFER;
        }
        if (entry.confirmed != null) {
            entries.put(triplet, new Seen(entry.firstSeen, entry.confirmed, now.plus(settings.confirmedExpiry())));
            return Verdict.PASS;
        }
        if (now.isBefore(entry.firstSeen.plus(settings.delay()))) {
            return Verdict.DEFER; // too early: the delay runs from the first attempt, a retry does not restart it
        }
        entries.put(triplet, new Seen(entry.firstSeen, now, now.plus(settings.confirmedExpiry())));
        return Verdict.PASS_FIRST;
    }

    /** {@link #check} and {@link #remaining} as one decision. */
    @Override
    public synchronized PolicyState.Greylisting decide(Triplet triplet, Instant now) {
        Verdict verdict = check(triplet, now);
        return new PolicyState.Greylisting(PolicyState.GreylistVerdict.valueOf(verdict.name()),
                verdict == Verdict.DEFER ? remaining(triplet, now) : Duration.ZERO);
    }

    /** How long {@code triplet} still has to wait at {@code now}; zero when it would pass. */
    public synchronized Duration remaining(Triplet triplet, Instant now) {
        Seen entry = entries.get(triplet);
        if (entry == null || entry.confirmed != null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, entry.firstSeen.plus(settings.delay()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Triplets held. */
    @Override
    public synchronized int size() {
        return entries.size();
    }

    /** Whether {@code triplet} is held (without touching its position in the eviction order). */
    public synchronized boolean contains(Triplet triplet) {
        return entries.containsKey(triplet);
    }

    // Not named Entry: inside the anonymous LinkedHashMap subclass that name would be the inherited
    // LinkedHashMap.Entry (javac 25 resolves it so), and removeEldestEntry would no longer override.
    private static final class Seen {
        final Instant firstSeen;
        final Instant confirmed;
        final Instant expires;

        Seen(Instant firstSeen, Instant confirmed, Instant expires) {
            this.firstSeen = firstSeen;
            this.confirmed = confirmed;
            this.expires = expires;
        }
    }
}
