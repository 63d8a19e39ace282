package dev.pillarbox.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pillarbox.smtp.client.Envelope;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS policy per route, against a next hop that offers STARTTLS with a certificate from a private CA (a Pillarbox
 * server with the starttls plugin, recording what it receives): {@code none} stays in plain text,
 * {@code opportunistic} encrypts without checking the certificate, {@code required} checks it against the JDK's
 * trust store and so delivers nothing to this hop, unless the route's {@code trust} file holds the test CA.
 */
class TlsNextHopTest {

    private static final String MESSAGE = "Subject: tls\r\n\r\nover TLS or not\r\n";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    // the test CA's server certificate (CN=mx.test.example), which the JDK's trust store does not know
    private SmtpTestServer tlsHop() throws Exception {
        Map<String, Object> starttls = Map.of("certificate", TestPki.get().writeChainPem(dir).toString(),
                "private-key", TestPki.get().writeKeyPem(dir).toString());
        return SmtpTestServer.builder()
                .settings(s -> s.discoverPlugins(true).plugin(PluginSettings.of("starttls", starttls))).start();
    }

    private StoredMessage deliver(SmtpTestServer hop, String tls) throws Exception {
        Map<String, Object> settings = Gateway.settings(dir, Map.of("tls.test", Map.of(
                "next-hop", "smtp://127.0.0.1:" + hop.address().getPort(), "tls", tls)));
        try (Gateway gateway = Gateway.start(settings)) {
            gateway.send(Envelope.of("a@sender.test", "bob@tls.test"), MESSAGE);
            gateway.awaitLines(l -> l.contains("status=sent"), 1, WAIT);
        }
        List<StoredMessage> stored = hop.store().awaitMessages(1, WAIT);
        return stored.get(stored.size() - 1);
    }

    @Test
    void opportunistic_encrypts_without_checking_the_certificate() throws Exception {
        try (SmtpTestServer hop = tlsHop()) {
            String received = deliver(hop, "opportunistic").receivedHeader();
            assertTrue(received.contains(" with ESMTPS"), received);
        }
    }

    @Test
    void none_stays_in_plain_text() throws Exception {
        try (SmtpTestServer hop = tlsHop()) {
            String received = deliver(hop, "none").receivedHeader();
            assertTrue(received.contains(" with ESMTP ") || received.endsWith(" with ESMTP"), received);
        }
    }

    @Test
    void required_delivers_when_the_certificate_chains_to_the_route_trust_file_and_names_the_host() throws Exception {
        Path ca = TestPki.get().writeCaPem(dir);
        try (SmtpTestServer hop = tlsHop()) {
            // the test certificate names 127.0.0.1, the host the route connects to
            Map<String, Object> settings = Gateway.settings(dir, Map.of("tls.test", Map.of(
                    "next-hop", "smtp://127.0.0.1:" + hop.address().getPort(), "tls", "required",
                    "trust", ca.toString())));
            try (Gateway gateway = Gateway.start(settings)) {
                gateway.send(Envelope.of("a@sender.test", "bob@tls.test"), MESSAGE);
                gateway.awaitLines(l -> l.contains("status=sent"), 1, WAIT);
            }
            String received = hop.store().awaitMessages(1, WAIT).get(0).receivedHeader();
            assertTrue(received.contains(" with ESMTPS"), received);
        }
    }

    @Test
    void required_refuses_a_certificate_it_cannot_verify_and_defers() throws Exception {
        try (SmtpTestServer hop = tlsHop()) {
            Map<String, Object> settings = Gateway.settings(dir, Map.of("tls.test", Map.of(
                    "next-hop", "smtp://127.0.0.1:" + hop.address().getPort(), "tls", "required")));
            try (Gateway gateway = Gateway.start(settings)) {
                gateway.send(Envelope.of("a@sender.test", "bob@tls.test"), MESSAGE);
                String deferred = gateway.awaitLines(l -> l.contains("status=deferred"), 1, WAIT).get(0);
                assertTrue(deferred.contains("dsn=4.4.1") && deferred.contains("TLS"), deferred);
            }
            assertEquals(0, hop.store().messages().size());
        }
    }
}
