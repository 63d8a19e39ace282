package dev.pillarbox.smtp.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Mail (Eclipse Angus 2.0.3) uses the extensions a server advertises: SMTPUTF8 with
 * {@code mail.mime.allowutf8} (UTF-8 addresses and the SMTPUTF8 parameter), 8BITMIME with
 * {@code mail.smtp.allow8bitmime} (it re-encodes quoted-printable text parts as 8bit, without sending BODY=8BITMIME),
 * DSN with {@code mail.smtp.dsn.*}, CHUNKING with {@code mail.smtp.chunksize}. It sends no SIZE parameter, so the
 * declared size is tested with the raw client ({@link SizeExtensionTest}); here Jakarta Mail meets the enforced limit.
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
        return Session.getInstance(properties(server));
    }

    private static Properties properties(SmtpTestServer server) {
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
        return properties;
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

    // CHUNKING advertised and mail.smtp.chunksize set: Jakarta Mail sends the message as BDAT chunks, the last one
    // "BDAT n LAST" (RFC 3030 2), and the server joins them into the message the client wrote
    @Test
    void jakartaMailSendsTheMessageInBdatChunks() throws Exception {
        try (SmtpTestServer server = ExtensionTesting.serverWithout()) {
            Properties properties = properties(server);
            properties.put("mail.smtp.chunksize", "256");
            Session session = Session.getInstance(properties);
            ByteArrayOutputStream transcript = new ByteArrayOutputStream();
            session.setDebugOut(new PrintStream(transcript, true, StandardCharsets.UTF_8));
            session.setDebug(true);
            MimeMessage message = message(session, "alice@example.org", "line of text\r\n".repeat(100));
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
            }
            StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(5)).get(0);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            message.writeTo(written);
            assertThat(stored.body()).isEqualTo(written.toString(StandardCharsets.US_ASCII));
            String wire = transcript.toString(StandardCharsets.UTF_8);
            assertThat(wire.split("BDAT 256", -1).length - 1).isGreaterThan(3);
            assertThat(wire).containsPattern("BDAT \\d+ LAST");
            assertThat(wire.lines()).doesNotContain("DATA");
        }
    }

    // Angus Mail 2.0.3 dot-stuffs what it sends by BDAT (angus-mail issue 209), which RFC 3030 does not: a body line
    // "." arrives as "..". The server keeps BDAT octets as they are, so it stores what was sent. docs/extensions.md
    // warns about it; when this test fails, Angus has stopped doing it and the warning can go.
    @Test
    void angusMailDotStuffsBdatContentSoLinesStartingWithADotGainOne() throws Exception {
        try (SmtpTestServer server = ExtensionTesting.serverWithout()) {
            Properties properties = properties(server);
            properties.put("mail.smtp.chunksize", "256");
            Session session = Session.getInstance(properties);
            MimeMessage message = message(session, "alice@example.org", "first line\n.leading dot\n.\nlast line\n");
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
            }
            StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(stored.body()).endsWith("\r\n\r\nfirst line\r\n..leading dot\r\n..\r\nlast line\r\n");
        }
    }

    // SIZE: the limit the server advertises is enforced on what Jakarta Mail sends; the client gets the 552 as a
    // SendFailedException with its return code, and the same connection then delivers a message within the limit
    @Test
    void jakartaMailMessageOverTheLimitIs552AndTheConnectionGoesOn() throws Exception {
        try (SmtpTestServer server = ExtensionTesting.server(s -> s.maxMessageSize(2000))) {
            Session session = Session.getInstance(properties(server));
            MimeMessage big = message(session, "alice@example.org", "x".repeat(70).concat("\n").repeat(60));
            MimeMessage small = message(session, "alice@example.org", "short\n");
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                assertThatThrownBy(() -> transport.sendMessage(big, big.getAllRecipients()))
                        .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
                            assertThat(e.getReturnCode()).isEqualTo(552);
                            assertThat(e.getMessage())
                                    .contains("552 5.3.4 Message size exceeds fixed maximum message size");
                        });
                transport.sendMessage(small, small.getAllRecipients());
            }
            assertThat(server.store().awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
            assertThat(server.store().messages().get(0).body()).contains("short");
        }
    }

    // SMTPUTF8 switched off: Jakarta Mail sees no SMTPUTF8 keyword, sends the UTF-8 sender anyway and gets the
    // RFC 6531 3.7.4.1 refusal; nothing is stored
    @Test
    void withoutSmtpUtf8JakartaMailsUtf8SenderIs553() throws Exception {
        try (SmtpTestServer server = ExtensionTesting.serverWithout("smtputf8")) {
            Session session = Session.getInstance(properties(server));
            MimeMessage message = message(session, "j\u00f6rg@b\u00fccher.example", "hi\n");
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                assertThatThrownBy(() -> transport.sendMessage(message, message.getAllRecipients()))
                        .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
                            assertThat(e.getReturnCode()).isEqualTo(553);
                            assertThat(e.getMessage())
                                    .contains("553 5.6.7 Non-ASCII address requires the SMTPUTF8 parameter");
                        });
            }
            assertThat(server.store().messages()).isEmpty();
        }
    }

    private static MimeMessage message(Session session, String from, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.net"));
        message.setText(text, "UTF-8", "plain");
        message.saveChanges();
        return message;
    }
}
