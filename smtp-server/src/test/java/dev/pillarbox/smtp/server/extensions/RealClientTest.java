package dev.pillarbox.smtp.server.extensions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.server.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.server.testing.SmtpTestServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Mail (Eclipse Angus 2.0.3) uses the extensions a server advertises: SMTPUTF8 with
 * {@code mail.mime.allowutf8} (UTF-8 addresses and the SMTPUTF8 parameter), 8BITMIME with
 * {@code mail.smtp.allow8bitmime} (it re-encodes quoted-printable text parts as 8bit, without sending BODY=8BITMIME),
 * DSN with {@code mail.smtp.dsn.*}. It sends no SIZE parameter, so SIZE is tested with the raw client.
 */
class RealClientTest {

    @Test
    void withoutEightBitMimeJakartaMailKeepsQuotedPrintable() throws Exception {
        try (SmtpTestServer server = ExtensionTesting.serverWithout("8bitmime", "binarymime")) {
            Session session = session(server);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("alice@example.org"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.net"));
            message.setText("Sch\u00f6ne Gr\u00fc\u00dfe\n", "UTF-8", "plain");
            message.saveChanges();
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
            }
            StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(stored.body()).contains("Content-Transfer-Encoding: quoted-printable")
                    .contains("Sch=C3=B6ne");
        }
    }

    private static Session session(SmtpTestServer server) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", server.address().getHostString());
        properties.put("mail.smtp.port", String.valueOf(server.address().getPort()));
        properties.put("mail.smtp.localhost", "client.example");
        properties.put("mail.smtp.timeout", "5000");
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.mime.allowutf8", "true");
        properties.put("mail.smtp.allow8bitmime", "true");
        properties.put("mail.smtp.dsn.notify", "SUCCESS,FAILURE");
        properties.put("mail.smtp.dsn.ret", "HDRS");
        return Session.getInstance(properties);
    }

    @Test
    void jakartaMailSendsUtf8AddressesAnEightBitBodyAndDsnParameters() throws Exception {
        try (SmtpTestServer server = ExtensionTesting.serverWithout()) {
            Session session = session(server);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("j\u00f6rg@b\u00fccher.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ren\u00e9e@example.net"));
            message.setSubject("Gr\u00fc\u00dfe", "UTF-8");
            message.setText("Sch\u00f6ne Gr\u00fc\u00dfe aus K\u00f6ln\n", "UTF-8", "plain");
            message.saveChanges();
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
            }
            StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(stored.envelope().reversePath().orElseThrow()).hasToString("<j\u00f6rg@b\u00fccher.example>");
            assertThat(stored.envelope().recipients()).hasToString("[<ren\u00e9e@example.net>]");
            assertThat(stored.envelope().mailParameters().keywords()).containsExactly("SMTPUTF8", "RET");
            assertThat(stored.envelope().mailParameters().value("RET")).hasValue("HDRS");
            assertThat(stored.envelope().recipients().get(0).parameters().value("NOTIFY")).hasValue("SUCCESS,FAILURE");
            // 8BITMIME advertised: the text part went as 8bit, not quoted-printable
            assertThat(stored.body()).contains("Content-Transfer-Encoding: 8bit")
                    .contains("Sch\u00f6ne Gr\u00fc\u00dfe aus K\u00f6ln");
        }
    }
}
