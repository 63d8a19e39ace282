package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A real client, Jakarta Mail with Eclipse Angus, sends a multipart message; the server stores its exact bytes. */
class JakartaMailInteropTest {

    @Test
    void multipartMessageIsStoredExactlyAsTheClientWroteIt() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.start()) {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", server.address().getHostString());
            properties.put("mail.smtp.port", String.valueOf(server.address().getPort()));
            properties.put("mail.smtp.localhost", "client.example");
            properties.put("mail.smtp.timeout", "5000");
            properties.put("mail.smtp.connectiontimeout", "5000");
            Session session = Session.getInstance(properties);

            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("alice@example.org"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.net"));
            message.setSubject("Interop: multipart with a dot line");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Hello Bob,\n.\n..a line starting with dots\nbye\n", "UTF-8");
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setFileName("data.bin");
            attachment.setContent(new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n', '.'}, "application/octet-stream");
            message.setContent(new MimeMultipart(text, attachment));
            message.saveChanges();

            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
            }

            StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(5)).get(0);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            message.writeTo(expected);
            // byte for byte what Angus put on the wire: its own writeTo output with CRLF line endings (its SMTP
            // transport turns the text part's bare LFs into CRLF), dot-stuffing removed by the server
            assertThat(stored.bodyBytes()).isEqualTo(withCrlfEnding(expected.toString(StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(stored.envelope().reversePath().orElseThrow()).hasToString("<alice@example.org>");
            assertThat(stored.envelope().recipients()).hasToString("[<bob@example.net>]");
            assertThat(stored.receivedHeader()).startsWith("Received: from client.example ([127.0.0.1])\r\n");
        }
    }

    // SMTP transports lines with CRLF and a message ends with CRLF (RFC 5321 4.1.1.4)
    private static String withCrlfEnding(String text) {
        String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
        return crlf.endsWith("\r\n") ? crlf : crlf + "\r\n";
    }
}
