package dev.pillarbox.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pillarbox.smtp.client.DsnNotify;
import dev.pillarbox.smtp.client.Envelope;
import dev.pillarbox.smtp.testing.SmtpSink;
import dev.pillarbox.smtp.client.Recipient;
import dev.pillarbox.smtp.client.RecipientStatus;
import dev.pillarbox.smtp.client.SendResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in front of Postfix's smtp-sink (started by the test on loopback): accepted, refused per command with
 * 4xx and 5xx, and a hop that never answers.
 */
class SmtpSinkDeliveryTest {

    private static final String MESSAGE = "Subject: test\r\nFrom: a@sender.test\r\n\r\nHello.\r\n";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void accepted_by_the_next_hop_is_sent_and_leaves_the_queue() throws Exception {
        try (SmtpSink sink = SmtpSink.start(dir);
                Gateway gateway = Gateway.start(Gateway.settings(dir, Map.of("sink.test",
                        "smtp://127.0.0.1:" + sink.port())))) {
            SendResult result = gateway.send(Envelope.of("a@sender.test", "bob@sink.test", "carol@sink.test"),
                    MESSAGE);
            assertTrue(result.acceptedByAll(), result.toString());
            List<String> sent = gateway.awaitLines(l -> l.contains("status=sent"), 2, WAIT);
            String id = result.messageReplies().get(0).text().replaceAll(".*queued as ", "").trim();
            assertTrue(sent.get(0).matches(id + ": to=<bob@sink\\.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:"
                    + sink.port() + ", delay=\\d+\\.\\d, dsn=2\\.0\\.0, status=sent \\(250 2\\.0\\.0 Ok.*\\)"),
                    sent.get(0));
            gateway.awaitEmptyQueue(WAIT);
        }
    }

    @Test
    void refused_recipients_bounce_to_the_sender_through_the_queue() throws Exception {
        try (SmtpSink refusing = SmtpSink.start(dir, "-f", "RCPT");
                SmtpSink senderHop = SmtpSink.start(dir);
                Gateway gateway = Gateway.start(Gateway.settings(dir, Map.of(
                        "sink.test", "smtp://127.0.0.1:" + refusing.port(),
                        "sender.test", "smtp://127.0.0.1:" + senderHop.port())))) {
            gateway.send(Envelope.of("a@sender.test", "bob@sink.test"), MESSAGE);
            String bounced = gateway.awaitLines(l -> l.contains("status=bounced"), 1, WAIT).get(0);
            assertTrue(bounced.contains("to=<bob@sink.test>") && bounced.contains("dsn=5."), bounced);
            // the notification goes from <> to the sender, through the same queue
            String notice = gateway.awaitLines(l -> l.contains("to=<a@sender.test>") && l.contains("status=sent"), 1,
                    WAIT).get(0);
            assertTrue(notice.contains("relay=127.0.0.1[127.0.0.1]:" + senderHop.port()), notice);
            gateway.awaitEmptyQueue(WAIT);
        }
    }

    @Test
    void a_bounce_that_cannot_be_delivered_is_kept_on_hold_and_never_bounces() throws Exception {
        try (SmtpSink refusing = SmtpSink.start(dir, "-f", "RCPT");
                Gateway gateway = Gateway.start(Gateway.settings(dir, Map.of(
                        "sink.test", "smtp://127.0.0.1:" + refusing.port(),
                        "sender.test", "smtp://127.0.0.1:" + refusing.port())))) {
            gateway.send(Envelope.of("a@sender.test", "bob@sink.test"), MESSAGE);
            gateway.awaitLines(l -> l.contains("to=<a@sender.test>") && l.contains("status=bounced"), 1, WAIT);
            Gateway.await(() -> gateway.runner().snapshot().size() == 1 && gateway.runner().snapshot().get(0).held(),
                    WAIT, () -> "the undeliverable bounce is not held: " + gateway.runner().snapshot());
            QueuedMessage kept = gateway.runner().snapshot().get(0);
            assertTrue(kept.nullSender(), kept.toString());
            assertEquals(2, gateway.lines().stream().filter(l -> l.contains("status=bounced")).count(),
                    gateway.lines().toString());
        }
    }

    @Test
    void deferred_recipients_are_retried_on_the_schedule() throws Exception {
        try (SmtpSink deferring = SmtpSink.start(dir, "-r", "RCPT");
                Gateway gateway = Gateway.start(Gateway.settings(dir, Map.of("sink.test",
                        "smtp://127.0.0.1:" + deferring.port())))) {
            gateway.send(Envelope.of("a@sender.test", "bob@sink.test"), MESSAGE);
            List<String> deferred = gateway.awaitLines(l -> l.contains("status=deferred"), 2, WAIT);
            assertTrue(deferred.get(0).contains("dsn=4.") && deferred.get(0).contains("(4"), deferred.get(0));
            QueuedMessage queued = gateway.runner().snapshot().get(0);
            assertEquals(QueuedRecipient.State.PENDING, queued.recipients().get(0).state());
            assertTrue(queued.recipients().get(0).attempts() >= 2, queued.toString());
        }
    }

    @Test
    void refused_data_defers_or_bounces_every_recipient_of_the_transaction() throws Exception {
        try (SmtpSink refusing = SmtpSink.start(dir, "-f", ".");
                SmtpSink senderHop = SmtpSink.start(dir);
                Gateway gateway = Gateway.start(Gateway.settings(dir, Map.of(
                        "sink.test", "smtp://127.0.0.1:" + refusing.port(),
                        "sender.test", "smtp://127.0.0.1:" + senderHop.port())))) {
            gateway.send(Envelope.of("a@sender.test", "bob@sink.test", "carol@sink.test"), MESSAGE);
            List<String> bounced = gateway.awaitLines(l -> l.contains("status=bounced"), 2, WAIT);
            assertTrue(bounced.stream().anyMatch(l -> l.contains("to=<carol@sink.test>")), bounced.toString());
            gateway.awaitEmptyQueue(WAIT);
        }
    }

    @Test
    void recipients_that_asked_notify_delay_get_one_delay_notice() throws Exception {
        try (SmtpSink deferring = SmtpSink.start(dir, "-r", "RCPT");
                SmtpSink senderHop = SmtpSink.start(dir)) {
            Map<String, Object> settings = Gateway.settings(dir, Map.of(
                    "sink.test", "smtp://127.0.0.1:" + deferring.port(),
                    "sender.test", "smtp://127.0.0.1:" + senderHop.port()));
            settings.put("delay-warning", "1s");
            try (Gateway gateway = Gateway.start(settings)) {
                gateway.send(Envelope.builder().from("a@sender.test")
                        .to(Recipient.parse("bob@sink.test").withNotify(DsnNotify.DELAY, DsnNotify.FAILURE))
                        .to("carol@sink.test").build(), MESSAGE);
                gateway.awaitLines(l -> l.contains("sender delay notification"), 1, WAIT);
                gateway.awaitLines(l -> l.contains("to=<a@sender.test>") && l.contains("status=sent"), 1, WAIT);
                gateway.awaitLines(l -> l.contains("to=<bob@sink.test>") && l.contains("status=deferred"), 4, WAIT);
                assertEquals(1, gateway.lines().stream().filter(l -> l.contains("delay notification")).count(),
                        "carol asked nothing (no delay notices by default), bob gets one: " + gateway.lines());
            }
        }
    }

    @Test
    void notify_success_gets_a_relayed_notice_only_from_a_hop_without_dsn() throws Exception {
        try (SmtpSink withoutDsn = SmtpSink.start(dir, "-N");
                SmtpSink withDsn = SmtpSink.start(dir);
                SmtpSink senderHop = SmtpSink.start(dir);
                Gateway gateway = Gateway.start(Gateway.settings(dir, Map.of(
                        "plain.test", "smtp://127.0.0.1:" + withoutDsn.port(),
                        "dsn.test", "smtp://127.0.0.1:" + withDsn.port(),
                        "sender.test", "smtp://127.0.0.1:" + senderHop.port())))) {
            gateway.send(Envelope.builder().from("a@sender.test")
                    .to(Recipient.parse("bob@plain.test").withNotify(DsnNotify.SUCCESS, DsnNotify.FAILURE))
                    .to(Recipient.parse("carol@dsn.test").withNotify(DsnNotify.SUCCESS)).build(), MESSAGE);
            gateway.awaitLines(l -> l.contains("sender delivery status (relayed) notification"), 1, WAIT);
            gateway.awaitLines(l -> l.contains("to=<a@sender.test>") && l.contains("status=sent"), 1, WAIT);
            gateway.awaitEmptyQueue(WAIT);
            // carol's hop took NOTIFY=SUCCESS with the message (RFC 3461 5.2.1): reporting is its duty now
            assertEquals(1, gateway.lines().stream().filter(l -> l.contains("notification")).count(),
                    gateway.lines().toString());
        }
    }

    @Test
    void many_messages_share_connections_within_the_destination_limit() throws Exception {
        try (SmtpSink sink = SmtpSink.start(dir)) {
            Map<String, Object> settings = Gateway.settings(dir, Map.of("sink.test",
                    "smtp://127.0.0.1:" + sink.port()));
            settings.put("destination-concurrency", 2);
            try (Gateway gateway = Gateway.start(settings)) {
                for (int i = 0; i < 40; i++) {
                    assertTrue(gateway.send(Envelope.of("a@sender.test", "r" + i + "@sink.test",
                            "s" + i + "@sink.test"), MESSAGE).acceptedByAll());
                }
                gateway.awaitLines(l -> l.contains("status=sent"), 80, WAIT);
                gateway.awaitEmptyQueue(WAIT);
            }
        }
    }

    @Test
    void a_next_hop_that_never_answers_times_out_and_is_retried() throws Exception {
        try (NextHops.SilentHop silent = new NextHops.SilentHop();
                Gateway gateway = Gateway.start(Gateway.settings(dir, Map.of("silent.test",
                        "smtp://127.0.0.1:" + silent.port())))) {
            gateway.send(Envelope.of("a@sender.test", "bob@silent.test"), MESSAGE);
            List<String> deferred = gateway.awaitLines(l -> l.contains("status=deferred"), 2, WAIT);
            assertTrue(deferred.get(0).contains("dsn=4.4.1") && deferred.get(0).contains("relay=none"),
                    deferred.get(0));
            assertTrue(silent.connections() >= 2, "connections: " + silent.connections());
        }
    }

    @Test
    void the_bare_postmaster_goes_to_the_configured_address_and_is_refused_without_one() throws Exception {
        try (SmtpSink sink = SmtpSink.start(dir)) {
            Map<String, Object> settings = Gateway.settings(dir, Map.of("sink.test", "smtp://127.0.0.1:" + sink.port()));
            try (Gateway gateway = Gateway.start(settings)) {
                SendResult refused = gateway.send(Envelope.of("a@sender.test", "<Postmaster>", "bob@sink.test"),
                        MESSAGE);
                assertEquals("550 5.1.1 <Postmaster>: this gateway has no postmaster address"
                        + " (plugins.forward.postmaster)", refused.recipients().get(0).reply().toString());
                assertEquals(RecipientStatus.ACCEPTED, refused.recipients().get(1).status());
                gateway.awaitEmptyQueue(WAIT);
            }
            settings.put("postmaster", "hostmaster@sink.test");
            try (Gateway gateway = Gateway.start(settings)) {
                SendResult result = gateway.send(Envelope.of("a@sender.test", "<Postmaster>"), MESSAGE);
                assertTrue(result.acceptedByAll(), result.toString());
                gateway.awaitLines(l -> l.contains("to=<hostmaster@sink.test>") && l.contains("status=sent"), 1,
                        WAIT);
                gateway.awaitEmptyQueue(WAIT);
            }
        }
    }

    @Test
    void recipients_without_a_route_are_refused_at_rcpt() throws Exception {
        try (SmtpSink sink = SmtpSink.start(dir);
                Gateway gateway = Gateway.start(Gateway.settings(dir, Map.of("sink.test",
                        "smtp://127.0.0.1:" + sink.port())))) {
            SendResult result = gateway.send(Envelope.of("a@sender.test", "bob@sink.test", "eve@elsewhere.test"),
                    MESSAGE);
            assertEquals(RecipientStatus.ACCEPTED, result.recipients().get(0).status());
            assertEquals(RecipientStatus.REFUSED, result.recipients().get(1).status());
            assertEquals("550 5.7.1 <eve@elsewhere.test>: relay not permitted",
                    result.recipients().get(1).reply().toString());
            gateway.awaitLines(l -> l.contains("to=<bob@sink.test>") && l.contains("status=sent"), 1, WAIT);
        }
    }

    @Test
    void the_default_route_serves_clients_in_relay_networks() throws Exception {
        try (SmtpSink smarthost = SmtpSink.start(dir)) {
            Map<String, Object> settings = Gateway.settings(dir, Map.of("default",
                    "smtp://127.0.0.1:" + smarthost.port()));
            try (Gateway gateway = Gateway.start(settings)) {
                SendResult result = gateway.send(Envelope.of("a@sender.test", "eve@anywhere.test"), MESSAGE);
                assertTrue(result.acceptedByAll(), result.toString());
                gateway.awaitLines(l -> l.contains("to=<eve@anywhere.test>") && l.contains("status=sent"), 1, WAIT);
            }
            settings.put("relay-networks", "192.0.2.0/24");
            try (Gateway gateway = Gateway.start(settings)) {
                SendResult result = gateway.send(Envelope.of("a@sender.test", "eve@anywhere.test"), MESSAGE);
                assertEquals(RecipientStatus.REFUSED, result.recipients().get(0).status(), result.toString());
            }
        }
    }
}
