package org.example.stamp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.testing.SmtpServerExtension;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StampPluginTest {

    // the plugin found by ServiceLoader, as the reference server finds it, with a setting
    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.withPlugins(
            PluginSettings.of("stamp", Map.of("value", "sample")));

    @Test
    void stampsEveryMessage() throws Exception {
        SmtpTestClient client = smtp.inTransaction();
        assertThat(client.data("Subject: one\r\n\r\nHello\r\n").code().value()).isEqualTo(250);
        client.command("MAIL FROM:<a@example.org>");
        client.command("RCPT TO:<b@example.net>");
        assertThat(client.data("Subject: two\r\n\r\nHello\r\n").code().value()).isEqualTo(250);
        assertThat(smtp.awaitMessages(2, Duration.ofSeconds(5)))
                .extracting(m -> m.body().substring(0, m.body().indexOf("\r\n\r\n")))
                .containsExactly("Subject: one\r\nX-Stamp: sample 1", "Subject: two\r\nX-Stamp: sample 2");
    }

    @Test
    void theStoreFailingMeans451() {
        smtp.failStoreAt(dev.pillarbox.smtp.testing.RecordingMessageStore.Failure.COMMIT);
        assertThat(smtp.inTransaction().data("Subject: one\r\n\r\nHello\r\n").code().value()).isEqualTo(451);
    }
}
