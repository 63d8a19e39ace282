package dev.pillarbox.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.client.peers.Aiosmtpd;
import dev.pillarbox.smtp.client.peers.PeerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against Python's aiosmtpd, a server nobody here wrote: SIZE, 8BITMIME, SMTPUTF8, recipients refused and
 * deferred next to accepted ones, STARTTLS with a trust store, AUTH PLAIN and LOGIN, implicit TLS and LMTP. The server
 * writes what it received to files, so the tests check the exact content and parameters.
 */
class AiosmtpdInteropTest {

    static final ClientSettings SETTINGS = ClientSettings.builder().heloName("client.example")
            .timeouts(Timeouts.all(Duration.ofSeconds(30))).build();
    static final String CONTENT = "From: a@example.org\r\nSubject: dots\r\n\r\n.\r\n..\r\n.x\r\nlast line\r\n";

    @TempDir
    static Path dir;
    private static PeerProcess plain;

    @BeforeAll
    static void start() throws Exception {
        plain = Aiosmtpd.start(dir.resolve("plain"), null, "--smtputf8");
    }

    @AfterAll
    static void stop() {
        if (plain != null) {
            plain.close();
        }
    }

    private static Path mail(Path peerDir) {
        return peerDir.resolve("mail");
    }

    /** The metadata lines of message {@code n} as the server wrote them. */
    private static List<String> meta(Path peerDir, int n) throws Exception {
        return Files.readAllLines(mail(peerDir).resolve(n + ".txt"), StandardCharsets.UTF_8);
    }

    private static byte[] content(Path peerDir, int n) throws Exception {
        return Files.readAllBytes(mail(peerDir).resolve(n + ".eml"));
    }

    private static int count(Path peerDir) throws Exception {
        try (var files = Files.list(mail(peerDir))) {
            return (int) files.filter(f -> f.toString().endsWith(".txt")).count();
        }
    }

    /** aiosmtpd with the test certificate (STARTTLS, or implicit TLS with "--implicit-tls") and {@code options}. */
    private static PeerProcess withCertificate(Path peerDir, String... options) throws Exception {
        Files.createDirectories(peerDir);
        Path chain = TestTls.pems(peerDir);
        List<String> all = new java.util.ArrayList<>(List.of("--cert", chain.toString(), "--key",
                peerDir.resolve("privkey.pem").toString()));
        all.addAll(List.of(options));
        return Aiosmtpd.start(peerDir, all.contains("--implicit-tls") ? TestTls.sockets() : null,
                all.toArray(new String[0]));
    }

    private static SmtpClient connect(PeerProcess peer, ClientSettings settings) throws SmtpClientException {
        return SmtpClient.connect("127.0.0.1", peer.port(), settings);
    }

    @Test
    void contentArrivesExactlyWithItsSizeDeclaredAndRecipientsAreSortedByReply() throws Exception {
        Path peerDir = dir.resolve("plain");
        int before = count(peerDir);
        try (SmtpClient client = connect(plain, SETTINGS)) {
            assertThat(client.capabilities().sizeLimit()).hasValue(33554432);
            SendResult result = client.send(Envelope.of("a@example.org", "ok@example.net", "deferred@example.net",
                    "refused@example.net"), MessageBody.of(CONTENT));
            int n = before + 1;
            assertThat(result.recipients()).extracting(RecipientResult::toString).containsExactly(
                    "<ok@example.net> ACCEPTED 250 2.0.0 Message " + n + " accepted",
                    "<deferred@example.net> DEFERRED 450 4.2.1 Mailbox busy, try later",
                    "<refused@example.net> REFUSED 550 5.1.1 No such user");
            assertThat(meta(peerDir, n)).contains("mail_from: a@example.org",
                    "mail_options: SIZE=" + CONTENT.length(), "rcpt_tos: ok@example.net", "tls: no");
            assertThat(new String(content(peerDir, n), StandardCharsets.US_ASCII)).isEqualTo(CONTENT);
        }
    }

    @Test
    void eightBitAndUtf8AddressesUseTheirExtensions() throws Exception {
        Path peerDir = dir.resolve("plain");
        int before = count(peerDir);
        String text = "Subject: =?utf-8?q?gr=C3=BC=C3=9Fe?=\r\n\r\nGrüße, Jürgen\r\n";
        try (SmtpClient client = connect(plain, SETTINGS)) {
            assertThat(client.capabilities().smtpUtf8()).isTrue();
            SendResult result = client.send(Envelope.builder().from("jürgen@bücher.example").to("用户@例え.jp")
                    .body(BodyType.EIGHT_BIT_MIME).build(), MessageBody.of(text));
            assertThat(result.acceptedByAll()).isTrue();
        }
        assertThat(meta(peerDir, before + 1)).contains("mail_from: jürgen@bücher.example",
                "mail_options: SIZE=" + text.getBytes(StandardCharsets.UTF_8).length + " BODY=8BITMIME SMTPUTF8",
                "rcpt_tos: 用户@例え.jp");
        assertThat(new String(content(peerDir, before + 1), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void overTheSizeLimitTheClientRefusesKnownSizesAndTheServerUnknownOnes() throws Exception {
        Path peerDir = dir.resolve("small");
        try (PeerProcess small = Aiosmtpd.start(peerDir, null, "--size", "1000");
             SmtpClient client = connect(small, SETTINGS)) {
            byte[] big = ("Subject: big\r\n\r\n" + ("x".repeat(70) + "\r\n").repeat(30))
                    .getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(big)))
                    .isInstanceOf(MessageTooLargeException.class)
                    .hasMessage("message of " + big.length + " octets exceeds the server's SIZE limit of 1000 octets"
                            + " (RFC 1870); nothing was sent");
            SendResult result = client.send(Envelope.of("a@example.org", "b@example.net"),
                    MessageBody.of(new java.io.ByteArrayInputStream(big), -1));
            assertThat(result.recipients()).extracting(RecipientResult::toString)
                    .containsExactly("<b@example.net> REFUSED 552 Error: Too much mail data");
            assertThat(count(peerDir)).isZero();
        }
    }

    @Test
    void startTlsRequiredWithATrustStoreThenAuthPlainAndLogin() throws Exception {
        Path peerDir = dir.resolve("tls");
        try (PeerProcess tls = withCertificate(peerDir, "--user", "alice", "--password", "s3cret pass")) {
            for (AuthMechanism mechanism : List.of(AuthMechanism.PLAIN, AuthMechanism.LOGIN)) {
                ClientSettings settings = SETTINGS.toBuilder()
                        .tls(TestTls.options(dir, TlsMode.STARTTLS_REQUIRED).build())
                        .credentials(Credentials.of("alice", "s3cret pass").withMechanisms(mechanism)).build();
                try (SmtpClient client = connect(tls, settings)) {
                    assertThat(client.isTls()).isTrue();
                    assertThat(client.tlsSession().orElseThrow().getPeerPrincipal().getName())
                            .isEqualTo("CN=mx.test.example");
                    assertThat(client.authenticatedWith()).hasValue(mechanism);
                    assertThat(client.send(Envelope.of("alice@example.org", "b@example.net"), MessageBody.of(CONTENT))
                            .acceptedByAll()).isTrue();
                }
            }
            assertThat(meta(peerDir, 1)).contains("tls: yes", "user: alice");
            assertThat(meta(peerDir, 2)).contains("tls: yes", "user: alice");
        }
    }

    @Test
    void authFailuresSayWhy() throws Exception {
        try (PeerProcess tls = withCertificate(dir.resolve("auth"), "--user", "alice", "--password", "right")) {
            ClientSettings wrong = SETTINGS.toBuilder().tls(TestTls.options(dir, TlsMode.STARTTLS_REQUIRED).build())
                    .credentials(Credentials.of("alice", "wrong").withMechanisms(AuthMechanism.PLAIN)).build();
            assertThatThrownBy(() -> connect(tls, wrong)).isInstanceOf(SmtpAuthenticationException.class)
                    .hasMessage("AUTH PLAIN refused: 535 5.7.8 Authentication credentials invalid")
                    .satisfies(e -> assertThat(((SmtpAuthenticationException) e).reply()).isPresent());
            ClientSettings noTls = SETTINGS.toBuilder().credentials(Credentials.of("alice", "right")).build();
            assertThatThrownBy(() -> connect(tls, noTls)).isInstanceOf(SmtpAuthenticationException.class)
                    .hasMessage("the server does not offer AUTH (many servers offer it only after STARTTLS)");
            ClientSettings scramOnly = SETTINGS.toBuilder()
                    .tls(TestTls.options(dir, TlsMode.STARTTLS_REQUIRED).build())
                    .credentials(Credentials.of("alice", "right").withMechanisms(AuthMechanism.SCRAM_SHA_256))
                    .build();
            assertThatThrownBy(() -> connect(tls, scramOnly)).isInstanceOf(SmtpAuthenticationException.class)
                    .hasMessageStartingWith("none of the allowed mechanisms SCRAM-SHA-256 is offered by the server,"
                            + " which offers ");
        }
    }

    @Test
    void implicitTls() throws Exception {
        try (PeerProcess smtps = withCertificate(dir.resolve("smtps"), "--implicit-tls");
             SmtpClient client = connect(smtps, SETTINGS.toBuilder()
                     .tls(TestTls.options(dir, TlsMode.IMPLICIT).build()).build())) {
            assertThat(client.isTls()).isTrue();
            assertThat(client.greeting().text()).startsWith("aiosmtpd.test");
            assertThat(client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(CONTENT))
                    .acceptedByAll()).isTrue();
        }
    }

    @Test
    void lmtpRepliesPerRecipient() throws Exception {
        Path peerDir = dir.resolve("lmtp");
        try (PeerProcess lmtp = Aiosmtpd.start(peerDir, null, "--lmtp");
             SmtpClient client = connect(lmtp, SETTINGS.toBuilder().lmtp(true).build())) {
            SendResult result = client.send(Envelope.of("a@example.org", "one@example.net", "refused@example.net",
                    "full@example.net"), MessageBody.of(CONTENT));
            assertThat(result.recipients()).extracting(RecipientResult::toString).containsExactly(
                    "<one@example.net> ACCEPTED 250 2.0.0 <one@example.net> delivered",
                    "<refused@example.net> REFUSED 550 5.1.1 No such user",
                    "<full@example.net> DEFERRED 452 4.2.2 Mailbox full");
            assertThat(result.messageReplies()).hasSize(2);
        }
    }
}
