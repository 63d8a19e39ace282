package dev.pillarbox.smtp.plugins.examples.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientBucketsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void scanFromManyAddressesKeepsAtMostMaxClientsBuckets() throws Exception {
        ClientBuckets buckets = new ClientBuckets(60, 1, 100);
        for (int i = 0; i < 1000; i++) {
            buckets.tryTake(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}), T0);
        }
        assertThat(buckets.size()).isEqualTo(100);
    }

    @Test
    void eachClientHasItsOwnBucket() throws Exception {
        ClientBuckets buckets = new ClientBuckets(60, 1, 100);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertThat(buckets.tryTake(a, T0)).isTrue();
        assertThat(buckets.tryTake(a, T0)).isFalse();
        assertThat(buckets.tryTake(b, T0)).isTrue();
        assertThat(buckets.tryTake(a, T0.plusSeconds(1))).isTrue(); // 60 per minute: one a second
    }

    @Test
    void clockGoingBackwardsDoesNotMintTokens() {
        TokenBucket bucket = new TokenBucket(60, 1, T0);
        assertThat(bucket.tryTake(T0)).isTrue();
        assertThat(bucket.tryTake(T0.minusSeconds(30))).isFalse();
        assertThat(bucket.tryTake(T0)).isFalse();
    }
}
