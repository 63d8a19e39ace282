package dev.pillarbox.smtp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.RecordingMessageStore.Failure;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension with one server for the class: same address, state cleared between tests, settings applied. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmtpServerExtensionPerClassTest {

    @RegisterExtension
    static final SmtpServerExtension SMTP = SmtpServerExtension.withModules(SmtpServerExtensionTest.stamp())
            .perClass().settings(s -> s.maxMessageSize(1024));

    static InetSocketAddress first;

    @Test
    @Order(1)
    void oneServerForTheClass() {
        first = SMTP.address();
        SMTP.failStoreAt(Failure.COMMIT);
        assertThat(SMTP.inTransaction().data("Subject: hi\r\n\r\nHello\r\n").code().value()).isEqualTo(451);
        assertThat(SMTP.inTransaction().data("x".repeat(2000) + "\r\n").code().value())
                .as("the settings apply").isEqualTo(552);
    }

    @Test
    @Order(2)
    void sameServerCleanState() {
        assertThat(SMTP.address()).isEqualTo(first);
        assertThat(SMTP.store().log()).isEmpty();
        assertThat(SMTP.inTransaction().data("Subject: hi\r\n\r\nHello\r\n").code().value())
                .as("the failure of the earlier test is healed").isEqualTo(250);
    }
}
