package dev.pillarbox.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pillarbox.smtp.client.Envelope;
import dev.pillarbox.smtp.client.SendResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in front of a private Dovecot LMTP server (started by the test on loopback): mail for a known user lands
 * in its mailbox byte for byte after our trace header; an unknown user gets Dovecot's 550 5.1.1 and the sender an RFC
 * 3464 bounce, delivered through the same queue into the sender's own mailbox.
 */
class DovecotLmtpDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MESSAGE = "From: Sender <sender@lmtp.test>\r\nTo: alice@lmtp.test\r\n"
            + "Subject: through the gateway\r\nMessage-ID: <gateway-test-1@lmtp.test>\r\n\r\n"
            + "Line one.\r\n.leading dot\r\n\r\nLast line.\r\n";

    @TempDir
    Path dir;

    @Test
    void known_users_get_the_message_byte_exact_and_unknown_users_bounce() throws Exception {
        try (NextHops.Dovecot dovecot = NextHops.dovecot(dir, "alice@lmtp.test", "sender@lmtp.test");
                Gateway gateway = Gateway.start(Gateway.settings(dir, Map.of("lmtp.test",
                        "lmtp://127.0.0.1:" + dovecot.port())))) {
            SendResult result = gateway.send(Envelope.of("sender@lmtp.test", "alice@lmtp.test",
                    "nobody@lmtp.test"), MESSAGE);
            assertTrue(result.acceptedByAll(), result.toString());
            List<String> sent = gateway.awaitLines(l -> l.contains("to=<alice@lmtp.test>")
                    && l.contains("status=sent"), 1, WAIT);
            assertTrue(sent.get(0).contains("dsn=2.0.0") && sent.get(0).contains("Saved"), sent.get(0));
            String bounced = gateway.awaitLines(l -> l.contains("to=<nobody@lmtp.test>")
                    && l.contains("status=bounced"), 1, WAIT).get(0);
            assertTrue(bounced.contains("dsn=5.1.1") && bounced.contains("(550 5.1.1 "), bounced);
            gateway.awaitEmptyQueue(WAIT);

            List<byte[]> alice = NextHops.mailbox(dir, "alice@lmtp.test");
            assertEquals(1, alice.size());
            String stored = new String(alice.get(0), StandardCharsets.UTF_8);
            // Dovecot adds only Return-Path; then our Received field; then the message exactly as sent
            String returnPath = "Return-Path: <sender@lmtp.test>\r\n";
            assertTrue(stored.startsWith(returnPath + "Received: from "), stored);
            assertTrue(stored.endsWith(MESSAGE), stored);
            String trace = stored.substring(returnPath.length(), stored.length() - MESSAGE.length());
            assertTrue(trace.matches("Received: [^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*"), trace);

            Gateway.await(() -> !mailboxOf("sender@lmtp.test").isEmpty(), WAIT, () -> "no bounce for the sender");
            String bounce = mailboxOf("sender@lmtp.test").get(0);
            assertTrue(bounce.startsWith("Return-Path: <>\r\n"), bounce);
            assertTrue(bounce.contains("multipart/report") && bounce.contains("report-type=delivery-status"),
                    bounce);
            assertTrue(bounce.contains("Final-Recipient: rfc822; nobody@lmtp.test")
                    || bounce.contains("Final-Recipient: rfc822;nobody@lmtp.test"), bounce);
            assertTrue(bounce.contains("Action: failed") && bounce.contains("Status: 5.1.1"), bounce);
            assertTrue(bounce.contains("Reporting-MTA: dns; gateway.test")
                    || bounce.contains("Reporting-MTA: dns;gateway.test"), bounce);
            assertTrue(bounce.contains("Message-ID: <gateway-test-1@lmtp.test>"), "the original is returned");
        }
    }

    private List<String> mailboxOf(String user) {
        try {
            return NextHops.mailbox(dir, user).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
