package dev.pillarbox.smtp.plugins.examples.ratelimit;

import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import java.net.InetAddress;
import java.time.Instant;

/**
 * One token bucket per client address: in this instance's memory ({@link ClientBuckets}) or in the shared
 * {@link PolicyState} ({@link SharedBuckets}), where every instance of a cluster takes from the same bucket.
 */
interface Buckets {

    /**
     * Takes a token from {@code client}'s bucket; false when it is empty.
     *
     * @throws PolicyStateException if a shared store cannot answer
     */
    boolean tryTake(InetAddress client, Instant now) throws PolicyStateException;

    /** Clients tracked here, or -1 when the buckets are held elsewhere. */
    int size();
}
