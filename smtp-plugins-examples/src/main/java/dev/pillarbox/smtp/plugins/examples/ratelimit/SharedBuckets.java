package dev.pillarbox.smtp.plugins.examples.ratelimit;

import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import java.net.InetAddress;
import java.time.Instant;

/** Token buckets in the shared {@link PolicyState}, keyed {@code ratelimit:<bucket>:<client address>}. */
final class SharedBuckets implements Buckets {

    private final PolicyState state;
    private final String prefix;
    private final int ratePerMinute;
    private final int burst;

    SharedBuckets(PolicyState state, String bucket, int ratePerMinute, int burst) {
        this.state = state;
        this.prefix = "ratelimit:" + bucket + ":";
        this.ratePerMinute = ratePerMinute;
        this.burst = burst;
    }

    @Override
    public boolean tryTake(InetAddress client, Instant now) throws PolicyStateException {
        return state.tryTake(prefix + client.getHostAddress(), ratePerMinute, burst, now);
    }

    @Override
    public int size() {
        return -1;
    }
}
