package dev.pillarbox.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import dev.pillarbox.smtp.testing.RedisProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * {@link RedisPolicyState} against a real Redis: the machine's (keys under a prefix of this run's own) for the
 * scripts, a private one for the outage. Two clients stand for two server instances.
 */
class RedisPolicyStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final String prefix = "pillarbox-test-" + UUID.randomUUID() + ":";
    private final List<RedisPolicyState> clients = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        clients.forEach(RedisPolicyState::close);
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
            for (String key : redis.keys(prefix + "*")) {
                redis.del(key);
            }
        }
    }

    private RedisPolicyState client(String uri) {
        RedisPolicyState state = RedisPolicyState.open(StateSettings.parse(uri, prefix, Duration.ofMillis(200))
                .withRetryAfter(Duration.ofMillis(300)));
        clients.add(state);
        return state;
    }

    @Test
    void twoInstancesTakingFromOneBucketAtOnceGetExactlyItsBurst() throws Exception {
        List<PolicyState> instances = List.of(client("redis://127.0.0.1:6379/0"), client("redis://127.0.0.1:6379/0"));
        AtomicInteger taken = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                PolicyState state = instances.get(t % 2);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        if (state.tryTake("ratelimit:mails:192.0.2.1", 60, 50, T0)) { // the clock stands still
                            taken.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(taken.get()).isEqualTo(50); // 400 attempts, no read-modify-write race hands out a 51st
        PolicyState a = instances.get(0);
        assertThat(a.tryTake("ratelimit:mails:192.0.2.1", 60, 50, T0.plusMillis(999))).isFalse();
        assertThat(a.tryTake("ratelimit:mails:192.0.2.1", 60, 50, T0.plusSeconds(1))).isTrue(); // refilled 1/s
        assertThat(a.tryTake("ratelimit:mails:192.0.2.2", 60, 50, T0)).isTrue(); // another client, full bucket
    }

    @Test
    void greylistingScriptDefersWaitsPassesAndRenews() throws Exception {
        PolicyState a = client("redis://127.0.0.1:6379/0");
        PolicyState b = client("redis://127.0.0.1:6379/0");
        Duration delay = Duration.ofMinutes(5);
        Duration unconfirmed = Duration.ofHours(4);
        Duration confirmed = Duration.ofDays(36);
        assertThat(a.greylist("greylist:t", T0, delay, unconfirmed, confirmed))
                .isEqualTo(new PolicyState.Greylisting(PolicyState.GreylistVerdict.DEFER, delay));
        assertThat(b.greylist("greylist:t", T0.plusSeconds(60), delay, unconfirmed, confirmed))
                .isEqualTo(new PolicyState.Greylisting(PolicyState.GreylistVerdict.DEFER, Duration.ofMinutes(4)));
        assertThat(b.greylist("greylist:t", T0.plus(delay), delay, unconfirmed, confirmed).verdict())
                .isEqualTo(PolicyState.GreylistVerdict.PASS_FIRST);
        assertThat(a.greylist("greylist:t", T0.plus(delay).plusSeconds(1), delay, unconfirmed, confirmed))
                .isEqualTo(new PolicyState.Greylisting(PolicyState.GreylistVerdict.PASS, Duration.ZERO));
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
            // confirmed: kept for confirmed-expiry after its last use
            assertThat(redis.pttl(prefix + "greylist:t")).isGreaterThan(Duration.ofDays(35).toMillis());
        }
    }

    @Test
    void failuresCountWithinTheirWindowAndAreForgotten() throws Exception {
        PolicyState a = client("redis://127.0.0.1:6379/0");
        PolicyState b = client("redis://127.0.0.1:6379/0");
        assertThat(a.failures("auth-failures:192.0.2.9")).isZero();
        assertThat(a.recordFailure("auth-failures:192.0.2.9", Duration.ofMinutes(15))).isEqualTo(1);
        assertThat(b.recordFailure("auth-failures:192.0.2.9", Duration.ofMinutes(15))).isEqualTo(2);
        assertThat(a.failures("auth-failures:192.0.2.9")).isEqualTo(2);
        b.forget("auth-failures:192.0.2.9");
        assertThat(a.failures("auth-failures:192.0.2.9")).isZero();
        assertThat(a.recordFailure("auth-failures:192.0.2.8", Duration.ofMillis(100))).isEqualTo(1);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (a.failures("auth-failures:192.0.2.8") > 0 && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(a.failures("auth-failures:192.0.2.8")).as("forgotten after its window").isZero();
    }

    @Test
    void anOutageFailsFastAndRecoversByItself() throws Exception {
        RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
        try {
            RedisPolicyState state = client(redis.uri());
            assertThat(state.tryTake("b", 60, 1, T0)).isTrue();
            redis.stop();
            long begin = System.nanoTime();
            assertThatThrownBy(() -> state.tryTake("b", 60, 1, T0)).isInstanceOf(PolicyStateException.class)
                    .hasMessageContaining("token bucket in Redis redis://127.0.0.1:" + redis.port());
            assertThat(state.down()).isTrue();
            // within the retry pause: no second try, no second timeout
            assertThatThrownBy(() -> state.failures("x")).isInstanceOf(PolicyStateException.class)
                    .hasMessageContaining("is unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
            redis.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean back = false;
            while (!back && System.nanoTime() < end) {
                try {
                    back = state.tryTake("b", 60, 1, T0); // a fresh Redis: a full bucket
                } catch (PolicyStateException e) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
            assertThat(back).isTrue();
            assertThat(state.down()).isFalse();
        } finally {
            redis.close();
        }
    }

    @Test
    void settingsParseTheUriAndRefuseWhatTheyCannotUse() {
        StateSettings s = StateSettings.parse("redis://user:p%40ss@10.0.0.5:6380/3", "x:", Duration.ofMillis(250));
        assertThat(s.host()).isEqualTo("10.0.0.5");
        assertThat(s.port()).isEqualTo(6380);
        assertThat(s.database()).isEqualTo(3);
        assertThat(s.user()).contains("user");
        assertThat(s.password()).contains("p@ss");
        assertThat(s.describe()).doesNotContain("p@ss").contains("redis://10.0.0.5:6380/3 (with password)");
        assertThat(StateSettings.parse("redis://127.0.0.1", "x:", Duration.ofMillis(250)).port()).isEqualTo(6379);
        assertThatThrownBy(() -> StateSettings.parse("memcached://127.0.0.1", "", Duration.ofMillis(250)))
                .hasMessageContaining("is not a redis:// URI");
        assertThatThrownBy(() -> StateSettings.parse("redis://127.0.0.1/zero", "", Duration.ofMillis(250)))
                .hasMessageContaining("is not a database index");
        assertThatThrownBy(() -> StateSettings.parse("redis://127.0.0.1/0?timeout=1", "", Duration.ofMillis(250)))
                .hasMessageContaining("no query");
        assertThatThrownBy(() -> StateSettings.parse("redis://127.0.0.1/0", "", Duration.ofSeconds(11)))
                .hasMessageContaining("state-timeout must be");
    }
}
