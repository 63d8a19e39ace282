package org.example.mail.stamp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.codec.ReplyDecoder;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.server.SmtpServer;
import dev.pillarbox.smtp.testing.RecordingMessageStore;
import dev.pillarbox.smtp.testing.SmtpServerExtension;
import java.time.Duration;
import java.util.Map;
import org.example.mail.wire.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StampPluginTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    // the plugin found by the server's ServiceLoader through this module's provides clause, with a setting
    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.withPlugins(
            PluginSettings.of("stamp", Map.of("value", "sample")));

    @Test
    void runsOnTheModulePath() {
        // the plugin, the codec and the plugin API are named modules: surefire put them on the module path
        assertThat(StampPlugin.class.getModule().getName()).isEqualTo("org.example.mail");
        assertThat(ReplyDecoder.class.getModule().getName()).isEqualTo("dev.pillarbox.smtp.codec");
        assertThat(dev.pillarbox.smtp.plugins.api.SmtpPlugin.class.getModule().getName())
                .isEqualTo("dev.pillarbox.smtp.plugins");
        assertThat(com.google.inject.Module.class.getModule().getName()).isEqualTo("com.google.guice");
        assertThat(smtp.server().enabledPlugins()).contains("stamp");
        assertThat(SmtpServer.class.getModule().isNamed())
                .as("the engine is a test dependency the module does not require: it stays on the class path")
                .isFalse();
    }

    @Test
    void stampsEveryMessageOfTheSession() throws Exception {
        try (WireClient client = WireClient.connect(smtp.address(), TIMEOUT)) {
            assertThat(client.greeting().code().value()).isEqualTo(220);
            assertThat(client.command("EHLO", "client.example").code().value()).isEqualTo(250);
            for (String subject : new String[] {"one", "two"}) {
                assertThat(client.command("MAIL", "FROM:<a@example.org>").code().value()).isEqualTo(250);
                assertThat(client.command("RCPT", "TO:<b@example.net>").code().value()).isEqualTo(250);
                // a line that starts with a dot: the codec stuffs it and the server removes the stuffing
                assertThat(client.data("Subject: " + subject + "\r\n\r\nHello\r\n.hidden\r\n").code().value())
                        .isEqualTo(250);
            }
        }
        assertThat(smtp.awaitMessages(2, TIMEOUT))
                .extracting(RecordingMessageStore.StoredMessage::body)
                .containsExactly("Subject: one\r\nX-Stamp: sample 1\r\n\r\nHello\r\n.hidden\r\n",
                        "Subject: two\r\nX-Stamp: sample 2\r\n\r\nHello\r\n.hidden\r\n");
    }

    @Test
    void theStoreFailingMeans451() throws Exception {
        smtp.failStoreAt(RecordingMessageStore.Failure.COMMIT);
        try (WireClient client = WireClient.connect(smtp.address(), TIMEOUT)) {
            client.command("EHLO", "client.example");
            client.command("MAIL", "FROM:<a@example.org>");
            client.command("RCPT", "TO:<b@example.net>");
            assertThat(client.data("Subject: one\r\n\r\nHello\r\n").code().value()).isEqualTo(451);
        }
    }
}
