package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.RecordingMessageStore;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import dev.pillarbox.smtp.testing.TlsTestClient;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Implicit TLS listeners (RFC 8314 3.3, port 465 style): the handshake first, the greeting inside TLS. */
class ImplicitTlsTest {

    private static SmtpTestServer server() {
        return SmtpTestServer.builder()
                .settings(s -> s.listeners(List.of(ListenerSettings.loopback(),
                        ListenerSettings.loopback().withName("smtps").withImplicitTls(true))))
                .modules(new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())))
                .start();
    }

    @Test
    void greetingAndSessionAreInsideTlsFromTheStart() {
        try (SmtpTestServer server = server();
             TlsTestClient client = TlsTestClient.implicitTls(server.server().boundAddress("smtps"),
                     TestPki.get().clientContext())) {
            assertThat(client.readReply().toString()).startsWith("220 mx.test.example");
            // RFC 3207 4.2 / RFC 8314: no STARTTLS inside TLS
            assertThat(client.command("EHLO client.example").lines()).doesNotContain("STARTTLS");
            assertThat(client.command("MAIL FROM:<a@example.org>")).hasToString("250 2.1.0 Sender OK");
            assertThat(client.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void theSameServerStillSpeaksPlainSmtpOnItsOtherListener() {
        try (SmtpTestServer server = server();
             TlsTestClient client = TlsTestClient.plain(server.server().boundAddress("smtp"),
                     TestPki.get().clientContext())) {
            client.expect(220);
            assertThat(client.command("EHLO client.example").lines()).contains("STARTTLS");
        }
    }

    @Test
    void angusMailSendsOverSmtps() throws Exception {
        try (SmtpTestServer server = server()) {
            InetSocketAddress smtps = server.server().boundAddress("smtps");
            Properties properties = new Properties();
            properties.put("mail.smtps.host", "127.0.0.1");
            properties.put("mail.smtps.port", String.valueOf(smtps.getPort()));
            properties.put("mail.smtps.localhost", "client.example");
            properties.put("mail.smtps.ssl.socketFactory", TestPki.get().clientContext().getSocketFactory());
            properties.put("mail.smtps.ssl.checkserveridentity", "true");
            properties.put("mail.smtps.timeout", "5000");
            properties.put("mail.smtps.connectiontimeout", "5000");
            Session session = Session.getInstance(properties);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("alice@example.org"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.net"));
            message.setText("Hello over implicit TLS\n");
            try (Transport transport = session.getTransport("smtps")) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
            }
            StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(stored.receivedHeader()).contains(" with ESMTPS id ");
        }
    }

    @Test
    void aPlaintextClientOnTheTlsPortGetsNoGreetingAndTheListenerGoesOn() throws Exception {
        try (SmtpTestServer server = server()) {
            InetSocketAddress smtps = server.server().boundAddress("smtps");
            try (Socket plain = new Socket(smtps.getAddress(), smtps.getPort())) {
                plain.setSoTimeout(5000);
                OutputStream out = plain.getOutputStream();
                out.write("EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = plain.getInputStream();
                String received = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(received).doesNotContain("220").doesNotContain("250");
            }
            try (TlsTestClient client = TlsTestClient.implicitTls(smtps, TestPki.get().clientContext())) {
                assertThat(client.readReply().code().value()).isEqualTo(220);
            }
        }
    }

    @Test
    void anImplicitTlsListenerWithoutATlsContextIsAStartUpError() {
        ServerSettings settings = SmtpTestServer.defaultSettings().toBuilder().listeners(
                List.of(ListenerSettings.loopback().withName("smtps").withImplicitTls(true))).build();
        assertThatThrownBy(() -> SmtpServer.create(settings, new AbstractModule() {
            @Override
            protected void configure() {
                bind(MessageStore.class).toInstance(new RecordingMessageStore());
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("listener smtps uses implicit TLS but no TLS context"
                + " is bound: enable the starttls plugin with a certificate (or bind one with ExtensionPoints.tlsContext)");
    }
}
