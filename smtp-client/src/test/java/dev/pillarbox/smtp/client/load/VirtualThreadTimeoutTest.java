package dev.pillarbox.smtp.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.SmtpClient;
import dev.pillarbox.smtp.client.SmtpTimeoutException;
import dev.pillarbox.smtp.client.Timeouts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client on the load generator's session threads (virtual on Java 21+) against a server that accepts and never
 * answers: the deadline watchdog ends the blocked read there too, and the thread is free again.
 */
class VirtualThreadTimeoutTest {

    @Test
    @Timeout(30)
    void aSilentServerTimesOutOnASessionThread() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread session = Threads.create(ThreadKind.AUTO, "session", () -> {
                try (SmtpClient client = SmtpClient.connect("127.0.0.1", silent.getLocalPort(),
                        ClientSettings.builder().timeouts(Timeouts.builder().greeting(Duration.ofMillis(200)).build())
                                .build())) {
                    failure.set(new AssertionError("connected to a server that never greeted: " + client));
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            session.start();
            Socket accepted = silent.accept(); // and never answered
            try {
                session.join(Duration.ofSeconds(10).toMillis());
                assertThat(session.isAlive()).as("the session thread is still blocked").isFalse();
            } finally {
                accepted.close();
            }
            assertThat(failure.get()).isInstanceOf(SmtpTimeoutException.class)
                    .hasMessageEndingWith("within 200 ms (greeting timeout, RFC 5321 4.5.3.2.1)");
            assertThat(session.toString().startsWith("VirtualThread"))
                    .as("virtual where the JVM has them: %s", session)
                    .isEqualTo(Runtime.version().feature() >= 21);
        }
    }
}
