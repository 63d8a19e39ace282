package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ServiceLoader discovery, switched on and off by name from the settings. */
class PluginDiscoveryTest {

    @Test
    void pluginsAreFoundOnTheClassPath() {
        assertThat(PluginDiscovery.available(getClass().getClassLoader()))
                .containsKeys("test-xping", "test-xdefault");
    }

    @Test
    void enabledByDefaultPluginIsOnAndOthersOff() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.discoverPlugins(true)).start();
             SmtpTestClient client = server.greeted()) {
            assertThat(server.server().enabledPlugins()).contains("test-xdefault").doesNotContain("test-xping");
            assertThat(client.command("XDEFAULT").toString()).isEqualTo("250 2.0.0 default plugin");
            assertThat(client.command("XPING").toString()).isEqualTo("500 5.5.2 Syntax error, command unrecognized");
        }
    }

    @Test
    void pluginEnabledByNameGetsItsSettings() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.discoverPlugins(true)
                .plugin(PluginSettings.of("test-xping", Map.of("text", "configured pong")))).start();
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command("XPING").toString()).isEqualTo("250 2.0.0 configured pong");
        }
    }

    @Test
    void pluginDisabledByNameIsOff() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.discoverPlugins(true).pluginDisabled("test-xdefault")).start();
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command("XDEFAULT").toString())
                    .isEqualTo("500 5.5.2 Syntax error, command unrecognized");
        }
    }

    @Test
    void unknownPluginNameFailsStartUpListingTheAvailableOnes() {
        assertThatThrownBy(() -> SmtpTestServer.builder()
                .settings(s -> s.discoverPlugins(true).plugin(PluginSettings.empty("greylst"))).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown plugin greylst in the configuration (available: ")
                .hasMessageContaining("test-xdefault")
                .hasMessageContaining("test-xping");
    }
}
