package dev.pillarbox.smtp.extensions.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.extensions.Xtext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AUTH settings, the failure throttle and the AUTH= xtext check, without a server. */
class AuthSettingsTest {

    @Test
    void pluginSettingsAreRead() {
        AuthSettings settings = AuthSettings.from(PluginSettings.of("auth", Map.of(
                "mechanisms", "scram-sha-256, plain", "allow-plaintext", "yes", "require-auth", List.of("submission"),
                "failure-delay", "250ms", "max-failure-delay", "4s", "max-failures", 5)));
        assertThat(settings.mechanisms()).containsExactly("SCRAM-SHA-256", "PLAIN");
        assertThat(settings.allowPlaintext()).isTrue();
        assertThat(settings.authRequiredOn("submission")).isTrue();
        assertThat(settings.authRequiredOn("smtp")).isFalse();
        assertThat(settings.failureDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.maxFailures()).isEqualTo(5);
        assertThat(AuthSettings.defaults().withRequireAuth(Set.of("all")).authRequiredOn("anything")).isTrue();
    }

    @Test
    void unknownMechanismNamesThePluginKey() {
        assertThatThrownBy(() -> AuthSettings.from(PluginSettings.of("auth", Map.of("mechanisms", "CRAM-MD5"))))
                .hasMessage("plugins.auth: unknown SASL mechanism CRAM-MD5 (supported: PLAIN, LOGIN, SCRAM-SHA-256)");
    }

    @Test
    void pluginWithoutPasswordFileIsRefused() {
        assertThatThrownBy(() -> new AuthPlugin().module(PluginSettings.empty("auth")))
                .hasMessage("plugins.auth.users-file is required: a password file of user:scram-sha-256:... lines"
                        + " (see docs/security.md)");
    }

    @Test
    void delayDoublesUpToTheMaximum() {
        FailureThrottle throttle = new FailureThrottle(AuthSettings.defaults()
                .withFailureDelay(Duration.ofMillis(100), Duration.ofMillis(500)));
        assertThat(List.of(throttle.delay(1), throttle.delay(2), throttle.delay(3), throttle.delay(4),
                throttle.delay(60))).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void throttleCountsPerAddressForgetsOnSuccessAndStaysBounded() throws Exception {
        AuthSettings settings = new AuthSettings(AuthSettings.SUPPORTED, false, Set.of(), Duration.ofMillis(10),
                Duration.ofSeconds(10), 3, 100, Duration.ofMinutes(15));
        FailureThrottle throttle = new FailureThrottle(settings);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofMillis(10));
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofMillis(20));
        assertThat(throttle.failed(b)).isEqualTo(Duration.ofMillis(10));
        throttle.succeeded(a);
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofMillis(10));
        for (int i = 0; i < 1000; i++) {
            throttle.failed(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
        }
        assertThat(throttle.tracked()).isEqualTo(100);
    }

    @Test
    void throttleForgetsAfterTheWindow() throws Exception {
        FailureThrottle throttle = new FailureThrottle(new AuthSettings(AuthSettings.SUPPORTED, false, Set.of(),
                Duration.ofMillis(10), Duration.ofSeconds(10), 3, 100, Duration.ZERO));
        InetAddress a = InetAddress.getByName("192.0.2.1");
        throttle.failed(a);
        long start = System.nanoTime();
        while (System.nanoTime() == start) {
            continue; // the window is zero: any later failure starts over
        }
        assertThat(throttle.failed(a)).isEqualTo(Duration.ofMillis(10));
    }

    @ParameterizedTest
    @CsvSource({"alice@example.org, true", "alice+2Bextra@example.org, true", "+40, true", "'', false",
        "a=b, false", "a+2b, false", "a+, false", "a b, false", "é, false"})
    void xtextGrammarOfRfc3461(String text, boolean valid) {
        assertThat(Xtext.isValid(text)).isEqualTo(valid);
    }
}
