package dev.pillarbox.smtp.plugins.examples.xstats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.examples.ManualClock;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XstatsPluginTest {

    private final ManualClock clock = new ManualClock();

    private SmtpTestServer start(Map<String, ?> settings) {
        return SmtpTestServer.start(new XstatsModule(
                XstatsSettings.from(PluginSettings.of("xstats", settings), clock)));
    }

    @Test
    void xstatsAnswersInARealServer() {
        try (SmtpTestServer server = SmtpTestServer.start(new XstatsPlugin().module(PluginSettings.empty("xstats")));
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("XSTATS").lines()).contains("sessions 1", "messages 0");
        }
    }

    @Test
    void ehloOffersXstats() {
        try (SmtpTestServer server = start(Map.of());
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command("EHLO client.example").lines()).contains("XSTATS");
        }
    }

    @Test
    void ehloLeavesXstatsOutWhenNotAdvertised() {
        try (SmtpTestServer server = start(Map.of("advertise", false));
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command("EHLO client.example").lines()).doesNotContain("XSTATS");
            assertThat(client.command("XSTATS").code().value()).isEqualTo(250);
        }
    }

    @Test
    void xstatsCountsSessionsMessagesOctetsAndUptime() {
        try (SmtpTestServer server = start(Map.of())) {
            try (SmtpTestClient sender = server.inTransaction()) {
                assertThat(sender.data("From: a@example.org\r\n\r\nHello\r\n").code().value()).isEqualTo(250);
                sender.command("NOOP"); // the count is an after-store hook: it runs after the 250, before the NOOP
            }
            long octets = server.store().messages().get(0).content().length;
            clock.advance(Duration.ofMinutes(61).plusMillis(500));
            try (SmtpTestClient client = server.afterEhlo()) {
                assertThat(client.command("XSTATS").toString()).isEqualTo(String.join("\r\n",
                        "250-mx.test.example statistics",
                        "250-sessions 2",
                        "250-messages 1",
                        "250-octets " + octets,
                        "250 uptime-seconds 3660"));
            }
        }
    }

    @Test
    void xstatsWorksBeforeHelo() {
        try (SmtpTestServer server = start(Map.of());
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command("XSTATS").lines()).startsWith("mx.test.example statistics", "sessions 1");
        }
    }

    @Test
    void refusedMessageIsNotCounted() {
        try (SmtpTestServer server = start(Map.of());
             SmtpTestClient client = server.inTransaction()) {
            client.send("DATA");
            client.expect(354);
            client.sendRaw("bare\nline feed\r\n.\r\n"); // 554 5.6.0 under the strict line-ending policy
            assertThat(client.readReply().code().value()).isEqualTo(554);
            assertThat(client.command("XSTATS").lines()).contains("messages 0", "octets 0");
        }
    }

    @Test
    void xstatsWithArgumentIs501() {
        try (SmtpTestServer server = start(Map.of());
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("XSTATS now").toString()).isEqualTo("501 5.5.4 XSTATS takes no argument");
        }
    }

    @Test
    void requireAuthRefusesUnauthenticatedClients() {
        try (SmtpTestServer server = start(Map.of("require-auth", "yes"));
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("XSTATS").toString())
                    .isEqualTo("530 5.7.0 Authentication required for XSTATS");
        }
    }

    @Test
    void pluginDescribesItself() {
        XstatsPlugin plugin = new XstatsPlugin();
        assertThat(List.of(plugin.name(), String.valueOf(plugin.enabledByDefault())))
                .containsExactly("xstats", "false");
    }
}
