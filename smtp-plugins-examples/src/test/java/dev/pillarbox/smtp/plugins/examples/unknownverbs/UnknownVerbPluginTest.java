package dev.pillarbox.smtp.plugins.examples.unknownverbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnknownVerbPluginTest {

    private static SmtpTestServer start(Map<String, ?> settings) {
        return SmtpTestServer.start(new UnknownVerbPlugin().module(PluginSettings.of("unknown-verbs", settings)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TURN             | 502 5.5.1 Command not implemented",
        "etrn example.org | 502 5.5.1 Command not implemented",
        "ATRN             | 502 5.5.1 Command not implemented",
        "SAML FROM:<a@b>  | 502 5.5.1 Command not implemented",
        "SOML FROM:<a@b>  | 502 5.5.1 Command not implemented",
        "SEND FROM:<a@b>  | 502 5.5.1 Command not implemented",
        "XCLIENT ADDR=1.2.3.4 | 502 5.5.1 Command not implemented",
        "FOO              | 500 5.5.2 Syntax error, command unrecognized",
        "XTURN            | 500 5.5.2 Syntax error, command unrecognized",
    })
    void knownButNotImplementedIs502AndTheRest500(String line, String reply) {
        try (SmtpTestServer server = start(Map.of());
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command(line).toString()).isEqualTo(reply);
        }
    }

    @Test
    void builtInVerbsAreUntouched() {
        try (SmtpTestServer server = start(Map.of());
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("NOOP").code().value()).isEqualTo(250);
            assertThat(client.command("VRFY someone").code().value()).isEqualTo(252);
        }
    }

    @Test
    void spamBotSendingThreeUnknownVerbsIsDisconnectedWith421() {
        try (SmtpTestServer server = start(Map.of());
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("FOO").code().value()).isEqualTo(500);
            assertThat(client.command("TURN").code().value()).isEqualTo(502);
            assertThat(client.command("BAR").toString())
                    .isEqualTo("421 4.7.0 Too many unknown commands, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void countIsPerSession() {
        try (SmtpTestServer server = start(Map.of())) {
            try (SmtpTestClient first = server.afterEhlo()) {
                first.command("FOO");
                first.command("FOO");
            }
            try (SmtpTestClient second = server.afterEhlo()) {
                assertThat(second.command("FOO").code().value()).isEqualTo(500);
                assertThat(second.command("FOO").code().value()).isEqualTo(500);
                assertThat(second.command("FOO").code().value()).isEqualTo(421);
            }
        }
    }

    @Test
    void listAndLimitAreSettings() {
        try (SmtpTestServer server = start(Map.of("not-implemented", "x-vendor, BURL", "max-unknown", 5));
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("X-VENDOR").toString()).isEqualTo("502 5.5.1 Command not implemented");
            assertThat(client.command("burl x").toString()).isEqualTo("502 5.5.1 Command not implemented");
            assertThat(client.command("TURN").toString()).isEqualTo("500 5.5.2 Syntax error, command unrecognized");
            assertThat(client.command("FOO").code().value()).isEqualTo(500);
            assertThat(client.command("FOO").code().value()).isEqualTo(421);
        }
    }

    @Test
    void maxUnknownBelowOneIsRefusedWithTheKey() {
        assertThatThrownBy(() -> UnknownVerbSettings.from(PluginSettings.of("unknown-verbs", Map.of("max-unknown", 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugins.unknown-verbs.max-unknown must be at least 1, got 0");
    }
}
