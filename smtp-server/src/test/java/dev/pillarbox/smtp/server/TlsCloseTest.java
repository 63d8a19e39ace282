package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.server.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.server.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.server.testing.SmtpTestServer;
import dev.pillarbox.smtp.server.testing.TestPki;
import dev.pillarbox.smtp.server.testing.TlsRecordClient;
import dev.pillarbox.smtp.server.testing.TlsRecordClient.Received;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server ends TLS with {@code close_notify} alone (RFC 8446 6.1, RFC 5246 7.2.1), never with a
 * {@code user_canceled} warning before it, which GnuTLS peers such as Exim log as an error for every delivery.
 */
class TlsCloseTest {

    private static SmtpTestServer server() {
        return SmtpTestServer.builder()
                .settings(s -> s.withIdleTimeout(Duration.ofSeconds(1))
                        .withListeners(List.of(ListenerSettings.loopback().withImplicitTls(true))))
                .modules(new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())))
                .start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void quitIsFollowedByExactlyOneAlertAndItIsCloseNotify(String protocol) throws Exception {
        try (SmtpTestServer server = server();
             TlsRecordClient client = TlsRecordClient.connect(server.address(), TestPki.get().clientContext(),
                     protocol)) {
            assertThat(client.protocol()).isEqualTo(protocol);
            assertThat(client.readData()).startsWith("220 mx.test.example");
            client.send("QUIT");
            assertThat(client.readData()).isEqualTo("221 2.0.0 Bye\r\n");
            List<Received> rest = client.readUntilClosed();
            assertThat(rest).as("records after 221 until the TCP close").hasSize(1);
            assertThat(rest.get(0).closeNotify()).as("the one record is close_notify: %s", rest.get(0)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3"}) // under TLS 1.2 the client's end of input is answered with close_notify
    void idleTimeoutIsFollowedByExactlyOneAlertAndItIsCloseNotify(String protocol) throws Exception {
        try (SmtpTestServer server = server();
             TlsRecordClient client = TlsRecordClient.connect(server.address(), TestPki.get().clientContext(),
                     protocol)) {
            assertThat(client.readData()).startsWith("220 mx.test.example");
            assertThat(client.readData()).isEqualTo("421 4.4.2 Timeout exceeded, closing connection\r\n");
            List<Received> rest = client.readUntilClosed();
            assertThat(rest).as("records after 421 until the TCP close").hasSize(1);
            assertThat(rest.get(0).closeNotify()).as("the one record is close_notify: %s", rest.get(0)).isTrue();
        }
    }
}
