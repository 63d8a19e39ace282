package dev.pillarbox.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.server.cli.ReferenceServer;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.smtp.extensions.auth.PasswordFileAuthenticator;
import dev.pillarbox.smtp.testing.RedisProcess;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * AUTH failure throttling shared through Redis by two reference servers: a password guesser's failures on one
 * instance count on the other, a success forgets them everywhere, and with Redis gone AUTH fails closed (the
 * default) with {@code 454 4.3.0}.
 */
class SharedAuthThrottleTest {

    @TempDir
    Path dir;

    private final String prefix = "pillarbox-test-" + UUID.randomUUID() + ":";
    private final List<ReferenceServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ReferenceServer::close);
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
            for (String key : redis.keys(prefix + "*")) {
                redis.del(key);
            }
        }
    }

    private InetSocketAddress start(String state) throws Exception {
        Path users = dir.resolve("users");
        if (!Files.exists(users)) {
            Files.writeString(users, PasswordFileAuthenticator.pbkdf2Entry("alice", "right", 4096) + "\n");
        }
        Path file = Files.writeString(dir.resolve("pillarbox-" + servers.size() + ".yaml"), String.join("\n",
                "state: " + state,
                "state-prefix: \"" + prefix + "\"",
                "state-timeout: 200ms",
                "plugins:",
                "  auth:",
                "    users-file: " + users,
                "    allow-plaintext: true",
                "    mechanisms: [PLAIN]",
                "    failure-delay: 10ms",
                "    max-failure-delay: 40ms",
                "    max-failures: 5",
                ""), StandardCharsets.UTF_8);
        ReferenceServer server = ReferenceServer.start(ConfigLoader.load(Optional.of(file), Map.of(), List.of(
                new ConfigOverride("listeners", List.of("127.0.0.1:0"), "--listen"),
                new ConfigOverride("store", "discard", "--store")), "mx" + servers.size() + ".example.test"));
        servers.add(server);
        return server.boundAddresses().get(0);
    }

    private static String plain(String user, String password) {
        return "AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private String failures() {
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
            return redis.get(prefix + "auth-failures:127.0.0.1");
        }
    }

    @Test
    void failuresOnOneInstanceCountOnTheOtherAndASuccessForgetsThem() throws Exception {
        InetSocketAddress a = start("redis://127.0.0.1:6379/0");
        InetSocketAddress b = start("redis://127.0.0.1:6379/0");
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(a)) {
            assertThat(client.command(plain("alice", "guess1")).toString()).startsWith("535 5.7.8");
            assertThat(client.command(plain("alice", "guess2")).toString()).startsWith("535 5.7.8");
        }
        assertThat(failures()).isEqualTo("2");
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(b)) {
            assertThat(client.command(plain("alice", "guess3")).toString()).startsWith("535 5.7.8");
            assertThat(failures()).as("B counted on from A's failures").isEqualTo("3");
            assertThat(client.command(plain("alice", "right")).code().value()).isEqualTo(235);
        }
        assertThat(failures()).as("forgotten at the success").isNull();
    }

    @Test
    void redisGoneAuthFailsClosedWith454AndRecovers() throws Exception {
        try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"))) {
            InetSocketAddress server = start(redis.uri());
            redis.stop();
            try (SmtpTestClient client = SmtpTestClient.afterEhlo(server)) {
                assertThat(client.command(plain("alice", "right")).toString())
                        .isEqualTo("454 4.3.0 Authentication throttle unavailable, try again later");
                // the session goes on
                assertThat(client.command("NOOP").code().value()).isEqualTo(250);
            }
            redis.start();
            String reply = "";
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!reply.startsWith("235") && System.nanoTime() < end) {
                try (SmtpTestClient client = SmtpTestClient.afterEhlo(server)) {
                    reply = client.command(plain("alice", "right")).toString();
                }
                if (!reply.startsWith("235")) {
                    java.util.concurrent.TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            assertThat(reply).startsWith("235");
        }
    }
}
