package dev.pillarbox.smtp.plugins.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import dev.pillarbox.smtp.plugins.examples.directory.DirectoryModule;
import dev.pillarbox.smtp.plugins.examples.directory.DirectorySettings;
import dev.pillarbox.smtp.plugins.examples.greylist.GreylistModule;
import dev.pillarbox.smtp.plugins.examples.greylist.GreylistSettings;
import dev.pillarbox.smtp.server.PluginDiscovery;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

    @Test
    void serviceLoaderFindsEveryExampleAndNoneIsOnByDefault() {
        // the server's own extensions are plugins on the class path too: look at this module's only
        Map<String, SmtpPlugin> plugins = new TreeMap<>(PluginDiscovery.available(getClass().getClassLoader()));
        plugins.values().removeIf(p -> !p.getClass().getName().startsWith("dev.pillarbox.smtp.plugins.examples."));
        assertThat(plugins).containsOnlyKeys("header-check", "greylist", "http-delivery", "rate-limit",
                "recipient-directory", "unknown-verbs", "xstats", "attachment-policy", "store-notifier");
        assertThat(plugins.values()).noneMatch(SmtpPlugin::enabledByDefault);
        assertThat(plugins.values()).allSatisfy(plugin -> assertThat(plugin.description()).isNotBlank());
        assertThat(plugins.values()).as("every example documents its settings for the plugins command")
                .allSatisfy(plugin -> assertThat(plugin.settings()).isNotEmpty());
    }

    @Test
    void discoveredPluginIsOffUntilConfiguredThenOn() {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.discoverPlugins(true)).start();
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("TURN").toString()).isEqualTo("500 5.5.2 Syntax error, command unrecognized");
            assertThat(client.command("XSTATS").code().value()).isEqualTo(500);
        }
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.discoverPlugins(true)
                        .plugin(PluginSettings.of("unknown-verbs", Map.of()))
                        .plugin(PluginSettings.of("xstats", Map.of("advertise", "off")))).start();
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(server.server().enabledPlugins()).contains("unknown-verbs", "xstats")
                    .doesNotContain("greylist", "header-check", "http-delivery", "rate-limit", "recipient-directory");
            assertThat(client.command("TURN").toString()).isEqualTo("502 5.5.1 Command not implemented");
            assertThat(client.command("XSTATS").code().value()).isEqualTo(250);
        }
    }

    @Test
    void directoryRunsBeforeGreylistSoAnUnknownUserGets550NotA451(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("recipients"), "known@example.net\n");
        try (SmtpTestServer server = SmtpTestServer.start(
                new GreylistModule(GreylistSettings.from(PluginSettings.empty("greylist"), new ManualClock())),
                new DirectoryModule(new DirectorySettings(file, false)),
                binder -> binder.bind(MeterRegistry.class).toInstance(new SimpleMeterRegistry()));
             SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command("RCPT TO:<nobody@example.net>").toString())
                    .isEqualTo("550 5.1.1 No such user here");
            assertThat(client.command("RCPT TO:<known@example.net>").toString())
                    .isEqualTo("451 4.7.1 Greylisted, please try again in 300 seconds");
        }
    }
}
