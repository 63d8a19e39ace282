package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import dev.pillarbox.smtp.testing.TlsTestClient;
import dev.pillarbox.smtp.testing.TricklingRelay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under TLS one command, one handshake or one body read is many network reads: a client that sends a TLS record one
 * byte at a time keeps each of them short. The idle timeout must bound the whole handshake, the whole command and the
 * whole body read however the bytes are spread, and the deadline must close the connection itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsDeadlineTest {

    private static final Duration IDLE = Duration.ofSeconds(1);
    // one byte every 300 ms: every single read of the server returns well within the idle timeout
    private static final Duration PACE = Duration.ofMillis(300);
    // the deadline sweep runs every 100 ms at this idle timeout; the rest is room for a loaded machine
    private static final Duration CLOSED_WITHIN = IDLE.plusSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static SmtpTestServer server() {
        return SmtpTestServer.builder()
                .settings(s -> s.idleTimeout(IDLE).listeners(List.of(ListenerSettings.loopback(),
                        ListenerSettings.loopback().withName("smtps").withImplicitTls(true))))
                .modules(new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())))
                .start();
    }

    /** The server closed within the idle timeout and a small margin from the start of the trickle. */
    private static void assertClosedInTime(TricklingRelay relay, String what) throws InterruptedException {
        Duration open = relay.awaitServerClose(WAIT);
        System.out.printf("TlsDeadlineTest: %s trickled, closed after %d ms and %d bytes%n", what, open.toMillis(),
                relay.trickledBytes());
        assertThat(open).as("closed after %s trickled bytes", relay.trickledBytes()).isLessThan(CLOSED_WITHIN);
    }

    @Test
    void handshakeTrickledOnTheImplicitTlsListenerIsClosedWithinTheIdleTimeout() throws Exception {
        try (SmtpTestServer server = server();
             TricklingRelay relay = TricklingRelay.to(server.server().boundAddress("smtps")).trickle(PACE);
             TlsTestClient client = TlsTestClient.plain(relay.address(), TestPki.get().clientContext())) {
            CompletableFuture<Void> handshake = CompletableFuture.runAsync(client::handshake);
            assertClosedInTime(relay, "handshake");
            assertThat(handshake).failsWithin(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void handshakeTrickledAfterStartTlsIsClosedWithinTheIdleTimeout() throws Exception {
        try (SmtpTestServer server = server();
             TricklingRelay relay = TricklingRelay.to(server.server().boundAddress("smtp"));
             TlsTestClient client = TlsTestClient.plain(relay.address(), TestPki.get().clientContext())) {
            client.expect(220);
            client.command("EHLO client.example");
            assertThat(client.command("STARTTLS").toString()).isEqualTo("220 2.0.0 Ready to start TLS");
            relay.trickle(PACE);
            CompletableFuture<Void> handshake = CompletableFuture.runAsync(client::handshake);
            assertClosedInTime(relay, "handshake");
            assertThat(handshake).failsWithin(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void commandRecordTrickledAfterTheHandshakeGets421WithinTheIdleTimeout() throws Exception {
        try (SmtpTestServer server = server();
             TricklingRelay relay = TricklingRelay.to(server.server().boundAddress("smtps"));
             TlsTestClient client = TlsTestClient.implicitTls(relay.address(), TestPki.get().clientContext())) {
            client.expect(220);
            client.command("EHLO client.example");
            relay.trickle(PACE);
            client.send("NOOP " + "x".repeat(100)); // one TLS record of about 130 bytes: 40 s at this pace
            assertThat(client.readReply().toString()).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertClosedInTime(relay, "record");
        }
    }

    @Test
    void commandRecordTrickledAfterStartTlsGets421WithinTheIdleTimeout() throws Exception {
        try (SmtpTestServer server = server();
             TricklingRelay relay = TricklingRelay.to(server.server().boundAddress("smtp"));
             TlsTestClient client = TlsTestClient.plain(relay.address(), TestPki.get().clientContext())) {
            client.expect(220);
            client.command("EHLO client.example");
            client.startTls();
            client.command("EHLO client.example");
            relay.trickle(PACE);
            client.send("MAIL FROM:<" + "a".repeat(60) + "@example.org>");
            assertThat(client.readReply().toString()).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertClosedInTime(relay, "record");
        }
    }

    @Test
    void bodyRecordTrickledAfterTheHandshakeGets421WithinTheIdleTimeout() throws Exception {
        // the minimum data rate only moves the body's deadline on for data that arrived: a record that never
        // completes delivers none, so the body ends at the idle timeout after 354
        try (SmtpTestServer server = server();
             TricklingRelay relay = TricklingRelay.to(server.server().boundAddress("smtps"));
             TlsTestClient client = TlsTestClient.implicitTls(relay.address(), TestPki.get().clientContext())) {
            client.expect(220);
            client.command("EHLO client.example");
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.command("DATA").code().value()).isEqualTo(354);
            relay.trickle(PACE);
            client.sendRaw("Subject: drip\r\n\r\n" + "x".repeat(100) + "\r\n");
            assertThat(client.readReply().toString()).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertClosedInTime(relay, "record");
            assertThat(server.store().messages()).isEmpty();
        }
    }
}
