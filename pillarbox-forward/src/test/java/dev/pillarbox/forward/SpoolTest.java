package dev.pillarbox.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.Envelope;
import dev.pillarbox.smtp.testing.SmtpSink;
import dev.pillarbox.smtp.client.MessageBody;
import dev.pillarbox.smtp.client.SendResult;
import dev.pillarbox.smtp.client.SmtpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue on disk: the state file's format, recovery after a crash, resuming after a restart, commit failures. */
class SpoolTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MESSAGE = "Subject: spool\r\n\r\nbody\r\n";

    @TempDir
    Path dir;

    @Test
    void state_files_round_trip_every_field() throws Exception {
        Map<String, String> mail = new LinkedHashMap<>();
        mail.put("BODY", "8BITMIME");
        mail.put("SMTPUTF8", "");
        mail.put("ENVID", "QQ+2B1");
        Instant t = Instant.ofEpochMilli(1_765_000_000_123L);
        QueuedMessage m = new QueuedMessage("0193ABCDEF01234", t, "mx.example", "192.0.2.7", "a@example.org", mail,
                List.of(new QueuedRecipient("b@example.net", Map.of("NOTIFY", "FAILURE,DELAY",
                        "ORCPT", "rfc822;b+2Bx@example.net"), QueuedRecipient.State.PENDING, 3, t.plusSeconds(600),
                        "450-4.2.0 first\r\n450 4.2.0 second \\ line", "mx[192.0.2.1]:25", true),
                        QueuedRecipient.fresh("c@example.net", Map.of(), t)), true);
        QueuedMessage back = QueuedMessage.decode(m.encode());
        assertEquals(m, back);
        assertEquals("b+x@example.net", DsnParameters.originalAddress(back.recipients().get(0).parameters())
                .orElseThrow());
        assertEquals("QQ+1", DsnParameters.envelopeId(back.mailParameters()).orElseThrow());
    }

    @Test
    void recovery_removes_what_never_got_a_250_and_keeps_the_rest() throws Exception {
        Spool spool = Spool.open(dir);
        QueuedMessage kept = new QueuedMessage(spool.newId(), Instant.now(), "mx", "", "a@x.test", Map.of(),
                List.of(QueuedRecipient.fresh("b@y.test", Map.of(), Instant.now())), false);
        spool.enqueue("kept\r\n".getBytes(StandardCharsets.US_ASCII), kept);
        // what a SIGKILL can leave: a content file being written, a state file being replaced, a content file
        // renamed before its state file, a state file whose content never made it
        Files.write(dir.resolve("tmp").resolve("0000000000A00001.msg"), new byte[10]);
        Files.write(dir.resolve("tmp").resolve(kept.id() + ".env.7"), new byte[3]);
        Files.write(dir.resolve("queue").resolve("0000000000A00002.msg"), new byte[10]);
        Files.write(dir.resolve("queue").resolve("0000000000A00003.env"), kept.encode());
        List<QueuedMessage> recovered = spool.recover();
        assertEquals(List.of(kept), recovered);
        assertEquals(List.of(), List.of(dir.resolve("tmp").toFile().list()));
        assertEquals(2, dir.resolve("queue").toFile().list().length);
        assertArrayEquals("kept\r\n".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(spool.content(kept.id())));
    }

    @Test
    void a_restart_resumes_the_queue() throws Exception {
        Map<String, Object> settings;
        try (SmtpSink deferring = SmtpSink.start(dir, "-r", "RCPT")) {
            settings = Gateway.settings(dir, Map.of("sink.test", "smtp://127.0.0.1:" + deferring.port()));
            try (Gateway gateway = Gateway.start(settings)) {
                gateway.send(Envelope.of("a@sender.test", "bob@sink.test"), MESSAGE);
                gateway.awaitLines(l -> l.contains("status=deferred"), 1, WAIT);
            }
        }
        try (SmtpSink sink = SmtpSink.start(dir)) {
            settings.put("routes", Map.of("sink.test", "smtp://127.0.0.1:" + sink.port()));
            try (Gateway gateway = Gateway.start(settings)) {
                assertEquals(1, gateway.runner().snapshot().size());
                gateway.awaitLines(l -> l.contains("to=<bob@sink.test>") && l.contains("status=sent"), 1, WAIT);
                gateway.awaitEmptyQueue(WAIT);
            }
        }
    }

    @Test
    void a_failed_commit_answers_451_and_the_session_goes_on() throws Exception {
        try (SmtpSink sink = SmtpSink.start(dir);
                Gateway gateway = Gateway.start(Gateway.settings(dir, Map.of("sink.test",
                        "smtp://127.0.0.1:" + sink.port())));
                SmtpClient client = SmtpClient.connect(gateway.address(), ClientSettings.defaults())) {
            Path queue = dir.resolve("spool").resolve("queue");
            Path aside = dir.resolve("queue-aside");
            // the rename into the queue fails as on a full or broken disk
            Files.move(queue, aside);
            Files.write(queue, new byte[0]);
            SendResult refused = client.send(Envelope.of("a@sender.test", "bob@sink.test"), MessageBody.of(MESSAGE));
            assertEquals(451, refused.messageReplies().get(0).code().value(), refused.toString());
            Files.delete(queue);
            Files.move(aside, queue);
            SendResult accepted = client.send(Envelope.of("a@sender.test", "bob@sink.test"),
                    MessageBody.of(MESSAGE));
            assertTrue(accepted.acceptedByAll(), accepted.toString());
            gateway.awaitLines(l -> l.contains("status=sent"), 1, WAIT);
            gateway.awaitEmptyQueue(WAIT);
            assertFalse(Files.list(dir.resolve("spool").resolve("tmp")).findAny().isPresent());
        }
    }
}
