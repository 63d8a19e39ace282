package dev.pillarbox.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.testing.PostfixInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a private Postfix smtpd (own configuration in a temporary folder, 127.0.0.1, a free port) with
 * STARTTLS and a certificate made by the test: TLS required and verified with the test's trust store, a host name
 * mismatch and an untrusted certificate refused, then BDAT, SMTPUTF8 and pipelined messages over TLS.
 */
class PostfixInteropTest {

    @TempDir
    static Path dir;
    private static PostfixInstance postfix;

    @BeforeAll
    static void start() throws Exception {
        Path chain = TestTls.pems(dir);
        // every message is discarded after queueing, so nothing leaves the box
        postfix = PostfixInstance.start("", Map.ofEntries(
                Map.entry("myhostname", "mx.test.example"),
                Map.entry("mydomain", "test.example"),
                Map.entry("default_transport", "discard:test"),
                Map.entry("local_transport", "discard:test"),
                Map.entry("relay_transport", "discard:test"),
                Map.entry("alias_maps", ""),
                Map.entry("alias_database", ""),
                Map.entry("biff", "no"),
                Map.entry("smtpd_tls_chain_files", dir.resolve("privkey.pem") + ", " + chain),
                Map.entry("smtpd_tls_security_level", "may"),
                Map.entry("smtpd_tls_loglevel", "1")));
    }

    @AfterAll
    static void stop() {
        if (postfix != null) {
            postfix.close();
        }
    }

    private static ClientSettings.Builder settings(TlsOptions tls) {
        return ClientSettings.builder().heloName("client.example").tls(tls)
                .timeouts(Timeouts.all(Duration.ofSeconds(30)));
    }

    private static SmtpClient connect(ClientSettings settings) throws SmtpClientException {
        return SmtpClient.connect("127.0.0.1", postfix.smtpd().getPort(), settings);
    }

    private static TlsOptions.Builder verified() throws Exception {
        return TestTls.options(dir, TlsMode.STARTTLS_REQUIRED);
    }

    @Test
    void requiredStartTlsVerifiedAgainstTheTrustStoreByAddressAndByName() throws Exception {
        for (TlsOptions tls : List.of(verified().build(), verified().serverName("mx.test.example").build())) {
            try (SmtpClient client = connect(settings(tls).build())) {
                assertThat(client.isTls()).isTrue();
                assertThat(client.capabilities().startTls()).as("not offered again inside TLS").isFalse();
                assertThat(client.capabilities().chunking()).isTrue();
                SendResult result = client.send(Envelope.of("a@example.org", "b@example.net"),
                        MessageBody.of("Subject: tls\r\n\r\n.dot\r\n"));
                assertThat(result.recipients().get(0).reply().toString()).startsWith("250 2.0.0 Ok: queued as ");
            }
        }
        assertThat(postfix.log()).contains("TLS connection established from localhost[127.0.0.1]");
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        ClientSettings settings = settings(verified().serverName("wrong.test.example").build()).build();
        assertThatThrownBy(() -> connect(settings)).isInstanceOf(SmtpTlsException.class)
                .hasMessage("TLS handshake with 127.0.0.1:" + postfix.smtpd().getPort() + " failed: the server's certificate was"
                        + " refused: No subject alternative DNS name matching wrong.test.example found.");
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        ClientSettings settings = settings(TlsOptions.mode(TlsMode.STARTTLS_REQUIRED)).build(); // the JDK's CAs
        assertThatThrownBy(() -> connect(settings)).isInstanceOf(SmtpTlsException.class)
                .hasMessageStartingWith("TLS handshake with 127.0.0.1:" + postfix.smtpd().getPort() + " failed: the server's"
                        + " certificate was refused: PKIX path building failed");
    }

    @Test
    void opportunisticTlsIsUsedWhenOffered() throws Exception {
        try (SmtpClient client = connect(settings(TestTls.options(dir, TlsMode.STARTTLS_OPPORTUNISTIC).build())
                .build())) {
            assertThat(client.isTls()).isTrue();
        }
    }

    @Test
    void bdatChunksSmtpUtf8AndPipelinedMessagesOverTls() throws Exception {
        try (SmtpClient client = connect(settings(verified().build()).chunkSize(1000).build())) {
            byte[] content = ("Subject: chunks\r\n\r\n" + ("line of text\r\n").repeat(500))
                    .getBytes(StandardCharsets.US_ASCII);
            SendResult chunked = client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(content));
            assertThat(chunked.acceptedByAll()).isTrue();
            assertThat(chunked.dataReply()).isEmpty();
            SendResult utf8 = client.send(Envelope.of("jürgen@bücher.example", "b@example.net"),
                    MessageBody.of("Subject: grüße\r\n\r\nhallo\r\n"));
            assertThat(utf8.acceptedByAll()).isTrue();
            PreparedMessage prepared = client.prepare(Envelope.of("a@example.org", "b@example.net", "c@example.net"),
                    content);
            assertThat(prepared.bdat()).isTrue();
            List<SendResult> results = new ArrayList<>();
            client.sendAll(Collections.nCopies(20, prepared).iterator(), results::add);
            assertThat(results).hasSize(20).allSatisfy(r -> assertThat(r.acceptedByAll()).isTrue());
        }
    }
}
