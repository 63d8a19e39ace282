package dev.pillarbox.smtp.plugins.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.server.cli.ReferenceServer;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.smtp.testing.RedisProcess;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Two reference servers in this JVM, each with its own listener, sharing policy state in a real Redis
 * ({@code state: redis://...}), as two instances behind a load balancer would: greylisting and rate limits follow
 * the client from one instance to the other. The machine's Redis is used with a key prefix of this run's own;
 * the test that stops Redis starts a private one.
 */
class SharedStateClusterTest {

    private static final String MACHINE_REDIS = "redis://127.0.0.1:6379/0";

    @TempDir
    Path dir;

    private final List<ReferenceServer> servers = new ArrayList<>();
    private final String prefix = "pillarbox-test-" + UUID.randomUUID() + ":";
    private RedisProcess privateRedis;

    @AfterEach
    void stop() throws Exception {
        servers.forEach(ReferenceServer::close);
        if (privateRedis != null) {
            privateRedis.close();
        }
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
            for (String key : redis.keys(prefix + "*")) {
                redis.del(key);
            }
        }
    }

    private InetSocketAddress start(String state, String plugins) throws Exception {
        String yaml = "state: " + state + "\nstate-prefix: \"" + prefix + "\"\nstate-timeout: 200ms\n"
                + "plugins:\n" + plugins;
        Path file = Files.writeString(dir.resolve("pillarbox-" + servers.size() + ".yaml"), yaml);
        ReferenceServer server = ReferenceServer.start(ConfigLoader.load(Optional.of(file), Map.of(), List.of(
                new ConfigOverride("listeners", List.of("127.0.0.1:0"), "--listen"),
                new ConfigOverride("store", "discard", "--store")), "mx" + servers.size() + ".example.test"));
        servers.add(server);
        return server.boundAddresses().get(0);
    }

    private static void ok(SmtpTestClient client, String command) {
        assertThat(client.command(command).code().value()).as(command).isEqualTo(250);
    }

    @Test
    void greylistingDeferredOnOneInstancePassesOnTheOther() throws Exception {
        String greylist = "  greylist:\n    delay: 1s\n";
        InetSocketAddress a = start(MACHINE_REDIS, greylist);
        InetSocketAddress b = start(MACHINE_REDIS, greylist);
        long first = System.nanoTime();
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(a)) {
            ok(client, "MAIL FROM:<sender@example.org>");
            assertThat(client.command("RCPT TO:<rcpt@example.net>").toString()).startsWith("451 4.7.1 Greylisted");
        }
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(b)) {
            ok(client, "MAIL FROM:<sender@example.org>");
            // B knows the first attempt A saw: too early, not new (a new triplet would restart the delay)
            assertThat(client.command("RCPT TO:<rcpt@example.net>").toString())
                    .isEqualTo("451 4.7.1 Greylisted, please try again in 1 second");
        }
        long waited = Duration.ofMillis(1100).toNanos() - (System.nanoTime() - first);
        if (waited > 0) {
            TimeUnit.NANOSECONDS.sleep(waited);
        }
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(b)) {
            ok(client, "MAIL FROM:<sender@example.org>");
            assertThat(client.command("RCPT TO:<rcpt@example.net>").code().value()).isEqualTo(250);
        }
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(a)) {
            ok(client, "MAIL FROM:<sender@example.org>");
            assertThat(client.command("RCPT TO:<rcpt@example.net>").code().value()).isEqualTo(250);
            // another recipient is another triplet: deferred on its own
            assertThat(client.command("RCPT TO:<other@example.net>").toString()).startsWith("451 4.7.1");
        }
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
            List<String> keys = new ArrayList<>(redis.keys(prefix + "greylist:*"));
            assertThat(keys).hasSize(2);
            for (String key : keys) {
                assertThat(redis.pttl(key)).isPositive(); // Redis forgets triplets by itself
            }
        }
    }

    @Test
    void rateLimitSharedByTwoInstancesHoldsItsBucketUnderConcurrentLoad() throws Exception {
        int burst = 20;
        String rateLimit = "  rate-limit:\n    mail-rate: 1\n    mail-burst: " + burst + "\n"
                + "    connection-rate: 100000\n    connection-burst: 100000\n";
        List<InetSocketAddress> instances = List.of(start(MACHINE_REDIS, rateLimit), start(MACHINE_REDIS, rateLimit));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger deferred = new AtomicInteger();
        int threads = 16;
        int mailsPerThread = 10;
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                InetSocketAddress target = instances.get(t % 2);
                done.add(pool.submit(() -> {
                    try (SmtpTestClient client = SmtpTestClient.afterEhlo(target)) {
                        for (int i = 0; i < mailsPerThread; i++) {
                            int code = client.command("MAIL FROM:<sender@example.org>").code().value();
                            if (code == 250) {
                                accepted.incrementAndGet();
                                ok(client, "RSET");
                            } else {
                                assertThat(code).isEqualTo(450);
                                deferred.incrementAndGet();
                            }
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
        long minutes = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - begin);
        // one bucket for both instances: the burst, plus what it refilled at 1 a minute while the test ran
        assertThat(accepted.get()).isBetween(burst, burst + (int) minutes);
        assertThat(accepted.get() + deferred.get()).isEqualTo(threads * mailsPerThread);
    }

    @Test
    void redisStoppedEachFeatureFollowsItsModeAndRecoversWhenRedisReturns() throws Exception {
        privateRedis = RedisProcess.start(dir.resolve("redis"));
        // greylisting fails open by default; the rate limit is told to fail closed
        InetSocketAddress open = start(privateRedis.uri(), "  greylist:\n    delay: 1s\n");
        InetSocketAddress closed = start(privateRedis.uri(), "  rate-limit:\n    state-failure: closed\n");
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(open)) {
            ok(client, "MAIL FROM:<sender@example.org>");
            assertThat(client.command("RCPT TO:<rcpt@example.net>").toString()).startsWith("451 4.7.1");
        }
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(closed)) {
            assertThat(client.command("MAIL FROM:<sender@example.org>").code().value()).isEqualTo(250);
        }

        privateRedis.stop();
        long begin = System.nanoTime();
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(open)) {
            ok(client, "MAIL FROM:<sender@example.org>");
            // fail open: greylisting cannot decide, the recipient passes
            assertThat(client.command("RCPT TO:<new@example.net>").code().value()).isEqualTo(250);
        }
        try (SmtpTestClient client = SmtpTestClient.connect(closed)) {
            // fail closed at connect: 421 4.3.0 instead of the greeting, and the connection closes
            assertThat(client.readReply().toString())
                    .isEqualTo("421 4.3.0 Rate-limit state unavailable, try again later");
            assertThat(client.awaitClose()).isTrue();
        }
        // short timeouts: an outage costs a session well under its deadline
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));

        privateRedis.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String greeting = "";
        while (System.nanoTime() < deadline) {
            try (SmtpTestClient client = SmtpTestClient.connect(closed)) {
                greeting = client.readReply().toString();
            }
            if (greeting.startsWith("220")) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertThat(greeting).as("greeting after Redis came back").startsWith("220");
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(open)) {
            ok(client, "MAIL FROM:<sender@example.org>");
            // Redis kept nothing (no persistence): a new triplet, deferred again
            assertThat(client.command("RCPT TO:<new@example.net>").toString()).startsWith("451 4.7.1");
        }
    }
}
