package dev.pillarbox.smtp.plugins.examples.greylist;

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

class GreylistPluginTest {

    private static final String DEFERRED = "451 4.7.1 Greylisted, please try again in 300 seconds";

    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SmtpTestServer server;

    private void start(Map<String, ?> settings) {
        server = SmtpTestServer.start(new GreylistModule(
                GreylistSettings.from(PluginSettings.of("greylist", settings), clock)),
                binder -> binder.bind(MeterRegistry.class).toInstance(meters));
    }

    private double verdicts(String verdict) {
        return meters.get("greylist.verdicts").tag("verdict", verdict).counter().count();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** One RCPT of a fresh session, as an MTA's retry would be. */
    private String attempt(String from, String to) {
        try (SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:" + from).code().value()).isEqualTo(250);
            return client.command("RCPT TO:" + to).toString();
        }
    }

    @Test
    void firstAttemptIsDeferredAndRetryAfterTheDelayPasses() {
        start(Map.of());
        assertThat(attempt("<a@example.org>", "<b@example.net>")).isEqualTo(DEFERRED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(attempt("<a@example.org>", "<b@example.net>")).isEqualTo("250 2.1.5 Recipient OK");
        assertThat(attempt("<a@example.org>", "<b@example.net>")).isEqualTo("250 2.1.5 Recipient OK");
        assertThat(verdicts("defer")).isEqualTo(1);
        assertThat(verdicts("pass_first")).isEqualTo(1);
        assertThat(verdicts("pass")).isEqualTo(1);
        assertThat(verdicts("authenticated")).isZero();
        assertThat(meters.get("greylist.triplets").gauge().value()).isEqualTo(1);
    }

    @Test
    void retryBeforeTheDelayIsDeferredWithTheTimeLeftAndDoesNotRestartIt() {
        start(Map.of());
        attempt("<a@example.org>", "<b@example.net>");
        clock.advance(Duration.ofSeconds(299));
        assertThat(attempt("<a@example.org>", "<b@example.net>"))
                .isEqualTo("451 4.7.1 Greylisted, please try again in 1 second");
        clock.advance(Duration.ofSeconds(1));
        assertThat(attempt("<a@example.org>", "<b@example.net>")).startsWith("250 ");
    }

    @Test
    void eachPartOfTheTripletCounts() {
        start(Map.of());
        attempt("<a@example.org>", "<b@example.net>");
        clock.advance(Duration.ofMinutes(5));
        assertThat(attempt("<a@example.org>", "<b@example.net>")).startsWith("250 ");
        assertThat(attempt("<other@example.org>", "<b@example.net>")).isEqualTo(DEFERRED);
        assertThat(attempt("<a@example.org>", "<other@example.net>")).isEqualTo(DEFERRED);
    }

    @Test
    void addressesCompareCaseInsensitively() {
        start(Map.of());
        attempt("<A@Example.ORG>", "<B@example.net>");
        clock.advance(Duration.ofMinutes(5));
        assertThat(attempt("<a@example.org>", "<b@EXAMPLE.net>")).startsWith("250 ");
    }

    @Test
    void bouncesWithTheNullSenderAreGreylistedToo() {
        start(Map.of());
        assertThat(attempt("<>", "<b@example.net>")).isEqualTo(DEFERRED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(attempt("<>", "<b@example.net>")).startsWith("250 ");
    }

    @Test
    void unconfirmedTripletExpiresAndStartsOver() {
        start(Map.of());
        attempt("<a@example.org>", "<b@example.net>");
        clock.advance(Duration.ofHours(4));
        assertThat(attempt("<a@example.org>", "<b@example.net>")).isEqualTo(DEFERRED);
    }

    @Test
    void confirmedTripletLasts36DaysAfterItsLastUse() {
        start(Map.of());
        attempt("<a@example.org>", "<b@example.net>");
        clock.advance(Duration.ofMinutes(5));
        attempt("<a@example.org>", "<b@example.net>");
        clock.advance(Duration.ofDays(35));
        assertThat(attempt("<a@example.org>", "<b@example.net>")).startsWith("250 "); // and refreshed
        clock.advance(Duration.ofDays(35));
        assertThat(attempt("<a@example.org>", "<b@example.net>")).startsWith("250 ");
        clock.advance(Duration.ofDays(36));
        assertThat(attempt("<a@example.org>", "<b@example.net>")).isEqualTo(DEFERRED);
    }

    @Test
    void secondRecipientInTheSameTransactionIsDecidedOnItsOwn() {
        start(Map.of("delay", "1m"));
        attempt("<a@example.org>", "<b@example.net>");
        clock.advance(Duration.ofMinutes(1));
        try (SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command("RCPT TO:<b@example.net>").code().value()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<c@example.net>").toString())
                    .isEqualTo("451 4.7.1 Greylisted, please try again in 60 seconds");
            assertThat(client.data("Subject: x\r\n\r\nbody\r\n").code().value()).isEqualTo(250);
        }
        assertThat(server.store().messages().get(0).envelope().recipients()).hasToString("[<b@example.net>]");
    }

    @Test
    void tableIsBoundedSoAFloodOfForgedSendersCannotExhaustMemory() {
        start(Map.of("max-entries", 3));
        for (int i = 0; i < 10; i++) {
            attempt("<spam" + i + "@example.org>", "<b@example.net>");
        }
        Greylist greylist = server.server().injector().getInstance(Greylist.class);
        assertThat(greylist.table().size()).isEqualTo(3);
    }

    @Test
    void settingsErrorsNameTheKey() {
        assertThatThrownBy(() -> GreylistSettings.from(PluginSettings.of("greylist", Map.of("delay", "soon")), clock))
                .hasMessage("plugins.greylist.delay: \"soon\" is not a duration (use e.g. 300s, 5m, 1h)");
        assertThatThrownBy(() -> GreylistSettings.from(
                PluginSettings.of("greylist", Map.of("delay", "5h")), clock))
                .hasMessage("plugins.greylist.unconfirmed-expiry (PT4H) must be longer than plugins.greylist.delay"
                        + " (PT5H), or no retry could pass");
    }
}
