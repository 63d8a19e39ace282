package dev.pillarbox.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpTestServer;
import org.junit.jupiter.api.Test;

/**
 * The example of the module's Javadoc overview (src/main/javadoc/overview.html), verbatim, compiled and run
 * against Pillarbox's test server on a free loopback port.
 */
class OverviewExampleTest {

    @Test
    void overviewExample() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.builder().start()) {
            int port = server.address().getPort();

            ClientSettings settings = ClientSettings.builder().heloName("client.example").build();
            try (SmtpClient client = SmtpClient.connect("127.0.0.1", port, settings)) {
                SendResult result = client.send(Envelope.of("alice@example.org", "bob@example.net"),
                        MessageBody.of("Subject: hello\r\n\r\nHi Bob!\r\n"));
                RecipientResult bob = result.recipients().get(0);
                System.out.println(bob); // <bob@example.net> ACCEPTED 250 2.0.0 OK: queued as ...
            }
            // the example prints the recipient's result; what it sent is what the server stored
            assertThat(server.store().messages()).hasSize(1);
            assertThat(server.store().messages().get(0).envelope().recipients().toString())
                    .contains("bob@example.net");
        }
    }
}
