package dev.pillarbox.smtp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.testing.RecordingMessageStore.Failure;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as a plugin's test uses it: both lifecycles, the messages, the wait and failure injection. */
class SmtpServerExtensionTest {

    /** A plugin under test: stamps every message. */
    static Module stamp() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), MessageHook.class).toInstance((session, message) -> {
                    message.addHeader("X-Stamp", "tested");
                    return HookResult.next();
                });
            }
        };
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerTest {

        @RegisterExtension
        final SmtpServerExtension smtp = SmtpServerExtension.withModules(stamp());

        @Test
        @Order(1)
        void theServerRunsThePluginAndRecordsTheMessageWithItsEnvelope() throws Exception {
            assertThat(smtp.lifecycle()).isEqualTo(SmtpServerExtension.Lifecycle.PER_TEST);
            assertThat(smtp.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(smtp.inTransaction().data("Subject: hi\r\n\r\nHello\r\n").code().value()).isEqualTo(250);
            RecordingMessageStore.StoredMessage message = smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(message.body()).isEqualTo("Subject: hi\r\nX-Stamp: tested\r\n\r\nHello\r\n");
            assertThat(message.envelope().reversePath().orElseThrow()).hasToString("<" + SmtpTestClient.SENDER + ">");
            assertThat(message.envelope().recipients()).hasToString("[<" + SmtpTestClient.RECIPIENT + ">]");
        }

        @Test
        @Order(2)
        void eachTestHasAFreshServer() {
            assertThat(smtp.messages()).isEmpty();
        }

        @Test
        void aStoreFailureIsAnswered451() {
            smtp.failStoreAt(Failure.COMMIT);
            assertThat(smtp.inTransaction().data("Subject: hi\r\n\r\nHello\r\n").code().value()).isEqualTo(451);
            assertThat(smtp.messages()).isEmpty();
            smtp.failStoreAt(Failure.OPEN);
            SmtpTestClient client = smtp.inTransaction();
            assertThat(client.command("DATA").code().value()).isEqualTo(451);
        }

        @Test
        void waitingForMoreMessagesThanArriveTimesOut() {
            assertThatThrownBy(() -> smtp.awaitMessages(1, Duration.ofMillis(100)))
                    .isInstanceOf(TimeoutException.class).hasMessageContaining("have 0");
        }
    }
}
