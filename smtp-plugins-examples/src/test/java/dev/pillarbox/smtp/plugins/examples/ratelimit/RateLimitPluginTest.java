package dev.pillarbox.smtp.plugins.examples.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.examples.ManualClock;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitPluginTest {

    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SmtpTestServer server;

    private void start(Map<String, ?> settings) {
        server = SmtpTestServer.start(new RateLimitModule(
                RateLimitSettings.from(PluginSettings.of("rate-limit", settings), clock)),
                binder -> binder.bind(MeterRegistry.class).toInstance(meters));
    }

    private double refused(String stage) {
        return meters.get("ratelimit.refused").tag("stage", stage).counter().count();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectionOverTheBurstGets421InsteadOfTheGreetingAndIsClosed() {
        start(Map.of("connection-burst", 2, "connection-rate", 6));
        server.greeted().close();
        server.greeted().close();
        try (SmtpTestClient third = server.connect()) {
            assertThat(third.readReply().toString())
                    .isEqualTo("421 4.7.0 Too many connections from 127.0.0.1, slow down");
            assertThat(third.awaitClose()).isTrue();
        }
        assertThat(refused("connect")).isEqualTo(1);
        assertThat(refused("mail")).isZero();
        assertThat(meters.get("ratelimit.clients").tag("bucket", "connections").gauge().value()).isEqualTo(1);
    }

    @Test
    void bucketRefillsAtTheRate() {
        start(Map.of("connection-burst", 1, "connection-rate", 6)); // one token every 10 seconds
        server.greeted().close();
        clock.advance(Duration.ofSeconds(9));
        try (SmtpTestClient early = server.connect()) {
            assertThat(early.readReply().code().value()).isEqualTo(421);
        }
        clock.advance(Duration.ofSeconds(1));
        try (SmtpTestClient onTime = server.connect()) {
            assertThat(onTime.readReply().code().value()).isEqualTo(220);
        }
    }

    @Test
    void burstIsTheCeilingAfterAQuietSpell() {
        start(Map.of("connection-burst", 2, "connection-rate", 60));
        clock.advance(Duration.ofHours(1));
        server.greeted().close();
        server.greeted().close();
        try (SmtpTestClient third = server.connect()) {
            assertThat(third.readReply().code().value()).isEqualTo(421);
        }
    }

    @Test
    void mailOverTheBurstIsDeferredWith450AndTheSessionGoesOn() {
        start(Map.of("mail-burst", 2, "mail-rate", 1));
        try (SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org>").code().value()).isEqualTo(250);
            client.command("RSET");
            assertThat(client.command("MAIL FROM:<a@example.org>").code().value()).isEqualTo(250);
            client.command("RSET");
            assertThat(client.command("MAIL FROM:<a@example.org>").toString())
                    .isEqualTo("450 4.7.1 Too many messages from 127.0.0.1, try again later");
            clock.advance(Duration.ofMinutes(1));
            assertThat(client.command("MAIL FROM:<a@example.org>").code().value()).isEqualTo(250);
        }
    }

    @Test
    void mailAndConnectionBucketsAreSeparate() {
        start(Map.of("connection-burst", 1, "mail-burst", 5));
        try (SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<a@example.org>").code().value()).isEqualTo(250);
        }
    }

    @Test
    void settingsBelowOneAreRefusedWithTheKey() {
        assertThatThrownBy(() -> RateLimitSettings.from(
                PluginSettings.of("rate-limit", Map.of("mail-burst", 0)), clock))
                .hasMessage("plugins.rate-limit.mail-burst must be at least 1, got 0");
    }
}
