package dev.pillarbox.smtp.plugins.examples.ratelimit;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One token bucket per client address, bounded: the least recently seen client is forgotten when the map is
 * full, so a scan from many addresses costs at most {@code maxClients} buckets. Thread-safe.
 */
final class ClientBuckets implements Buckets {

    private final Function<Instant, TokenBucket> newBucket;
    private final LinkedHashMap<InetAddress, TokenBucket> buckets;

    ClientBuckets(int ratePerMinute, int burst, int maxClients) {
        this.newBucket = now -> new TokenBucket(ratePerMinute, burst, now);
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** Takes a token from {@code client}'s bucket; false when it is empty. */
    @Override
    public synchronized boolean tryTake(InetAddress client, Instant now) {
        return buckets.computeIfAbsent(client, c -> newBucket.apply(now)).tryTake(now);
    }

    /** Clients tracked. */
    @Override
    public synchronized int size() {
        return buckets.size();
    }
}
