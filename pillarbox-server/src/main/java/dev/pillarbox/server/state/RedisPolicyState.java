package dev.pillarbox.server.state;

import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link PolicyState} in Redis. Every read-modify-write is one Lua script, which Redis runs atomically (no other
 * command runs meanwhile), so two instances taking the last token of a bucket cannot both get it. Keys carry a TTL,
 * so Redis forgets what memory would have dropped.
 *
 * <p>Jedis is blocking, which suits the server's (virtual) session threads; the connection pool is shared by all
 * sessions (up to 128 connections). Connect and read time out after {@link StateSettings#timeout()}, and waiting
 * for a pooled connection too (that alone is this instance's load, not an outage, and pauses nothing). After a failure, commands fail at once for {@link StateSettings#retryAfter()} (logged once at WARN, and
 * once more when Redis answers again), so an outage neither piles sessions up on a dead server nor needs an
 * operator to recover.
 */
public final class RedisPolicyState implements PolicyState, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisPolicyState.class);

    /** KEYS[1] bucket; ARGV rate per minute, burst, now (ms). Returns 1 when a token was taken. */
    private static final String TOKEN_BUCKET = String.join("\n",
            "local rate = tonumber(ARGV[1]) / 60000",
            "local burst = tonumber(ARGV[2])",
            "local now = tonumber(ARGV[3])",
            "local b = redis.call('HMGET', KEYS[1], 't', 'at')",
            "local tokens = tonumber(b[1])",
            "local at = tonumber(b[2])",
            "if tokens == nil or at == nil then tokens = burst; at = now end",
            "if now > at then tokens = math.min(burst, tokens + (now - at) * rate); at = now end",
            "local taken = 0",
            "if tokens >= 1 then tokens = tokens - 1; taken = 1 end",
            "redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(at))",
            // a bucket left alone this long is full again: forgetting it is the same
            "redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)",
            "return taken");

    /** KEYS[1] counter; ARGV window (ms). Returns the count. */
    private static final String FAILURE = String.join("\n",
            "local n = redis.call('INCR', KEYS[1])",
            "redis.call('PEXPIRE', KEYS[1], ARGV[1])",
            "return n");

    /**
     * KEYS[1] triplet; ARGV now, delay, unconfirmed expiry, confirmed expiry (ms). Returns {verdict, remaining ms}:
     * 0 defer, 1 first pass, 2 pass.
     */
    private static final String GREYLIST = String.join("\n",
            "local now = tonumber(ARGV[1])",
            "local delay = tonumber(ARGV[2])",
            "local e = redis.call('HMGET', KEYS[1], 'first', 'confirmed')",
            "if not e[1] then",
            "  redis.call('HSET', KEYS[1], 'first', ARGV[1])",
            "  redis.call('PEXPIRE', KEYS[1], ARGV[3])",
            "  return {0, delay}",
            "end",
            "if e[2] then",
            "  redis.call('PEXPIRE', KEYS[1], ARGV[4])",
            "  return {2, 0}",
            "end",
            "local first = tonumber(e[1])",
            // the delay runs from the first attempt: a retry does not restart it
            "if now < first + delay then return {0, first + delay - now} end",
            "redis.call('HSET', KEYS[1], 'confirmed', ARGV[1])",
            "redis.call('PEXPIRE', KEYS[1], ARGV[4])",
            "return {1, 0}");

    private final StateSettings settings;
    private final UnifiedJedis redis;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long retryAt; // System.nanoTime() after which Redis is tried again

    private RedisPolicyState(StateSettings settings, UnifiedJedis redis) {
        this.settings = settings;
        this.redis = redis;
    }

    /** A client of the Redis {@code settings} names; connects lazily, so the server starts while Redis is down. */
    public static RedisPolicyState open(StateSettings settings) {
        int millis = Math.toIntExact(settings.timeout().toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .database(settings.database())
                .clientName("pillarbox");
        settings.user().ifPresent(config::user);
        settings.password().ifPresent(config::password);
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(128);
        pool.setMaxIdle(128);
        pool.setMinIdle(0);
        pool.setMaxWait(settings.timeout());
        pool.setBlockWhenExhausted(true);
        pool.setTestOnBorrow(false);
        UnifiedJedis client = RedisClient.builder().hostAndPort(settings.host(), settings.port())
                .clientConfig(config.build()).poolConfig(pool).build();
        return new RedisPolicyState(settings, client);
    }

    /** The settings this client runs with. */
    public StateSettings settings() {
        return settings;
    }

    @Override
    public boolean tryTake(String bucket, int ratePerMinute, int burst, Instant now) throws PolicyStateException {
        Object taken = call("token bucket", r -> r.eval(TOKEN_BUCKET, List.of(key(bucket)),
                List.of(Integer.toString(ratePerMinute), Integer.toString(burst), Long.toString(now.toEpochMilli()))));
        return ((Long) taken) == 1L;
    }

    @Override
    public long recordFailure(String key, Duration window) throws PolicyStateException {
        Object count = call("failure count", r -> r.eval(FAILURE, List.of(key(key)),
                List.of(Long.toString(Math.max(1, window.toMillis())))));
        return (Long) count;
    }

    @Override
    public long failures(String key) throws PolicyStateException {
        String count = call("failure count", r -> r.get(key(key)));
        try {
            return count == null ? 0 : Long.parseLong(count);
        } catch (NumberFormatException e) {
            throw new PolicyStateException("Redis key " + key(key) + " holds " + count + ", not a count", e);
        }
    }

    @Override
    public void forget(String key) throws PolicyStateException {
        call("failure count", r -> r.del(key(key)));
    }

    @Override
    public Greylisting greylist(String triplet, Instant now, Duration delay, Duration unconfirmedExpiry,
            Duration confirmedExpiry) throws PolicyStateException {
        Object answer = call("greylisting", r -> r.eval(GREYLIST, List.of(key(triplet)),
                List.of(Long.toString(now.toEpochMilli()), Long.toString(delay.toMillis()),
                        Long.toString(Math.max(1, unconfirmedExpiry.toMillis())),
                        Long.toString(Math.max(1, confirmedExpiry.toMillis())))));
        List<?> pair = (List<?>) answer;
        int verdict = ((Long) pair.get(0)).intValue();
        Duration remaining = Duration.ofMillis(Math.max(0, (Long) pair.get(1)));
        return new Greylisting(PolicyState.GreylistVerdict.values()[verdict], remaining);
    }

    private String key(String key) {
        return settings.keyPrefix() + key;
    }

    private <T> T call(String what, Function<UnifiedJedis, T> command) throws PolicyStateException {
        if (down.get() && System.nanoTime() - retryAt < 0) {
            throw new PolicyStateException("Redis " + settings.describe() + " is unavailable (retrying within "
                    + settings.retryAfter().toMillis() + "ms)");
        }
        try {
            T result = command.apply(redis);
            if (down.compareAndSet(true, false)) {
                LOG.info("shared policy state: Redis {} answers again", settings.describe());
            }
            return result;
        } catch (JedisException | ClassCastException e) {
            if (e.getCause() instanceof NoSuchElementException) {
                // every pooled connection busy for a whole timeout: this instance's load, not a Redis outage, so
                // this command fails (and its feature follows its mode) without pausing everybody's commands
                throw new PolicyStateException(what + ": no Redis connection free within "
                        + settings.timeout().toMillis() + "ms", e);
            }
            retryAt = System.nanoTime() + settings.retryAfter().toNanos();
            if (down.compareAndSet(false, true)) {
                LOG.warn("shared policy state: Redis {} failed ({}: {}); each feature follows its state-failure mode"
                        + " until it answers again", settings.describe(), e.getClass().getSimpleName(), e.getMessage());
            }
            throw new PolicyStateException(what + " in Redis " + settings.describe() + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether the last command failed (Redis counts as down until one succeeds). */
    public boolean down() {
        return down.get();
    }

    @Override
    public void close() {
        redis.close();
    }
}
