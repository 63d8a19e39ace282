package dev.pillarbox.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.extensions.auth.AuthModule;
import dev.pillarbox.smtp.extensions.auth.AuthSettings;
import dev.pillarbox.smtp.extensions.auth.Authenticator;
import dev.pillarbox.smtp.extensions.auth.PasswordFileAuthenticator;
import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against Pillarbox's own server (smtp-testing and smtp-extensions in test scope): BDAT in chunks and
 * BINARYMIME, LMTP per-recipient replies after DATA and after the last BDAT chunk, AUTH PLAIN, LOGIN and
 * SCRAM-SHA-256 against the server's AUTH extension over STARTTLS, and implicit TLS.
 */
class PillarboxInteropTest {

    private static final ClientSettings SETTINGS = ClientSettings.builder().heloName("client.example")
            .timeouts(Timeouts.all(Duration.ofSeconds(30))).build();
    private static final String ALICE_PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dir;

    /** A server with the extensions an operator gets by default (plugin discovery on), plus {@code plugins}. */
    private static SmtpTestServer.Builder withExtensions(String... plugins) {
        return SmtpTestServer.builder().enhancedStatusCodes(false).settings(s -> {
            s.discoverPlugins(true);
            for (String plugin : plugins) {
                s.plugin(PluginSettings.empty(plugin));
            }
            return s;
        });
    }

    private static SmtpClient connect(java.net.InetSocketAddress address, ClientSettings settings)
            throws SmtpClientException {
        return SmtpClient.connect("127.0.0.1", address.getPort(), settings);
    }

    @Test
    void bdatChunksOfTheChosenSizeDeliverTheContentExactly() throws Exception {
        byte[] content = new byte[100_000];
        new Random(7).nextBytes(content); // any octets: BDAT does no stuffing
        try (SmtpTestServer server = withExtensions().start();
             SmtpClient client = connect(server.address(), SETTINGS.toBuilder().chunkSize(4096).build())) {
            assertThat(client.capabilities().chunking()).isTrue();
            SendResult result = client.send(Envelope.builder().from("a@example.org").to("b@example.net")
                    .body(BodyType.BINARY_MIME).build(), MessageBody.of(new java.io.ByteArrayInputStream(content), -1));
            assertThat(result.recipients().get(0).reply().toString()).startsWith("250 2.0.0 OK: queued as ");
            StoredMessage stored = server.store().messages().get(0);
            assertThat(stored.bodyBytes()).isEqualTo(content);
            assertThat(stored.envelope().mailParameters().value("BODY")).hasValue("BINARYMIME");
        }
    }

    @Test
    void bdatEndsWithAnEmptyLastChunkWhenTheContentFillsTheChunksExactly() throws Exception {
        byte[] content = "exactly 16 bytes".repeat(4).getBytes(StandardCharsets.US_ASCII);
        try (SmtpTestServer server = withExtensions().start();
             SmtpClient client = connect(server.address(), SETTINGS.toBuilder().chunkSize(16).build())) {
            assertThat(client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(content))
                    .acceptedByAll()).isTrue();
            assertThat(server.store().messages().get(0).bodyBytes()).isEqualTo(content);
        }
    }

    @Test
    void aMessagePreparedForBdatIsNotSentToAServerWithoutChunking() throws Exception {
        try (SmtpTestServer chunking = withExtensions().start();
             SmtpTestServer plain = withExtensions().settings(s -> s.pluginDisabled("binarymime")
                     .pluginDisabled("chunking")).start();
             SmtpClient first = connect(chunking.address(), SETTINGS.toBuilder().chunkSize(1000).build());
             SmtpClient second = connect(plain.address(), SETTINGS)) {
            PreparedMessage message = first.prepare(Envelope.of("a@example.org", "b@example.net"),
                    "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> second.send(message)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message + " was prepared for a server with CHUNKING, which mx.test.example does not"
                            + " offer");
            assertThat(second.isUsable()).isTrue();
            assertThat(first.send(message).acceptedByAll()).isTrue();
        }
    }

    private static final Reply MAILBOX_FULL = Reply.of(452, "4.2.2", "Mailbox full");

    /** A message hook that refuses the recipient "full@..." with 452 (per-recipient results, as LMTP reports). */
    private static AbstractModule fullMailbox() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), MessageHook.class).toInstance(new MessageHook() {
                    @Override
                    public int order() {
                        return 0;
                    }

                    @Override
                    public HookResult onMessage(SessionView session, Message message) {
                        return message.envelope().recipients().stream()
                                .filter(r -> r.toString().startsWith("<full"))
                                .findFirst().map(r -> HookResult.perRecipient(Map.of(r, MAILBOX_FULL)))
                                .orElse(HookResult.next());
                    }
                });
            }
        };
    }

    @Test
    void lmtpRepliesPerRecipientAfterDataAndAfterTheLastChunk() throws Exception {
        try (SmtpTestServer server = withExtensions("lmtp")
                .settings(s -> s.listeners(List.of(ListenerSettings.loopback().withName("lmtp")
                        .withProtocol(Protocol.LMTP))))
                .modules(fullMailbox()).start()) {
            for (int chunkSize : new int[] {0, 10}) {
                try (SmtpClient client = connect(server.address(), SETTINGS.toBuilder().lmtp(true)
                        .chunkSize(chunkSize).build())) {
                    SendResult result = client.send(Envelope.of("a@example.org", "ok@example.net",
                            "full@example.net"), MessageBody.of("Subject: lmtp\r\n\r\nhello\r\n"));
                    assertThat(result.recipients()).extracting(r -> r.status() + " " + r.reply()).as("chunk size %d",
                            chunkSize).containsExactly(
                                    "ACCEPTED " + result.messageReplies().get(0),
                                    "DEFERRED 452 4.2.2 Mailbox full");
                    assertThat(result.messageReplies().get(0).toString()).startsWith("250 2.0.0 OK: queued as ");
                }
            }
        }
    }

    /** STARTTLS and AUTH (all three mechanisms) with user alice. */
    private static SmtpTestServer authServer() {
        PasswordFileAuthenticator users = PasswordFileAuthenticator.parse(List.of(
                PasswordFileAuthenticator.scramEntry("alice", ALICE_PASSWORD, 4096)), "test-users");
        return SmtpTestServer.start(new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())),
                new AuthModule(AuthSettings.defaults().withFailureDelay(Duration.ZERO, Duration.ZERO)),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Authenticator.class).toInstance(users);
                    }
                });
    }

    @Test
    void authWithEachMechanismOverStartTls() throws Exception {
        try (SmtpTestServer server = authServer()) {
            for (AuthMechanism mechanism : AuthMechanism.values()) {
                ClientSettings settings = SETTINGS.toBuilder()
                        .tls(TestTls.options(dir, TlsMode.STARTTLS_REQUIRED).serverName("mx.test.example").build())
                        .credentials(Credentials.of("alice", ALICE_PASSWORD).withMechanisms(mechanism)).build();
                try (SmtpClient client = connect(server.address(), settings)) {
                    assertThat(client.authenticatedWith()).hasValue(mechanism);
                    assertThat(client.send(Envelope.of("alice@example.org", "b@example.net"),
                            MessageBody.of("Subject: auth\r\n\r\nhi\r\n")).acceptedByAll()).isTrue();
                }
            }
            assertThat(server.store().messages()).hasSize(3);
        }
    }

    @Test
    void theDefaultPreferenceIsScram() throws Exception {
        try (SmtpTestServer server = authServer();
             SmtpClient client = connect(server.address(), SETTINGS.toBuilder()
                     .tls(TestTls.options(dir, TlsMode.STARTTLS_REQUIRED).build())
                     .credentials(Credentials.of("alice", ALICE_PASSWORD)).build())) {
            assertThat(client.authenticatedWith()).hasValue(AuthMechanism.SCRAM_SHA_256);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheServersReply() throws Exception {
        try (SmtpTestServer server = authServer()) {
            for (AuthMechanism mechanism : AuthMechanism.values()) {
                ClientSettings settings = SETTINGS.toBuilder()
                        .tls(TestTls.options(dir, TlsMode.STARTTLS_REQUIRED).build())
                        .credentials(Credentials.of("alice", "wrong").withMechanisms(mechanism)).build();
                assertThatThrownBy(() -> connect(server.address(), settings))
                        .isInstanceOf(SmtpAuthenticationException.class)
                        .hasMessage("AUTH " + mechanism.saslName()
                                + " refused: 535 5.7.8 Authentication credentials invalid");
            }
        }
    }

    @Test
    void plainIsNotSentWithoutTls() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.start(
                new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())),
                new AuthModule(AuthSettings.defaults().withAllowPlaintext(true)), new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Authenticator.class).toInstance(PasswordFileAuthenticator.parse(List.of(
                                PasswordFileAuthenticator.scramEntry("alice", ALICE_PASSWORD, 4096)), "users"));
                    }
                })) {
            ClientSettings plainOnly = SETTINGS.toBuilder()
                    .credentials(Credentials.of("alice", ALICE_PASSWORD).withMechanisms(AuthMechanism.PLAIN)).build();
            assertThatThrownBy(() -> connect(server.address(), plainOnly))
                    .isInstanceOf(SmtpAuthenticationException.class)
                    .hasMessage("AUTH PLAIN would send the password without TLS; use TLS, or allow it with"
                            + " Credentials.allowingWithoutTls()");
            try (SmtpClient scram = connect(server.address(), SETTINGS.toBuilder()
                    .credentials(Credentials.of("alice", ALICE_PASSWORD)).build())) {
                assertThat(scram.isTls()).isFalse();
                assertThat(scram.authenticatedWith()).as("SCRAM does not reveal the password")
                        .hasValue(AuthMechanism.SCRAM_SHA_256);
            }
            try (SmtpClient allowed = connect(server.address(), SETTINGS.toBuilder()
                    .credentials(Credentials.of("alice", ALICE_PASSWORD).withMechanisms(AuthMechanism.PLAIN)
                            .allowingWithoutTls()).build())) {
                assertThat(allowed.authenticatedWith()).hasValue(AuthMechanism.PLAIN);
            }
        }
    }

    @Test
    void implicitTls() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.listeners(List.of(ListenerSettings.loopback().withName("smtps")
                        .withImplicitTls(true))))
                .modules(new StartTlsModule(TlsSettings.context(TestPki.get().serverContext()))).start();
             SmtpClient client = connect(server.address(), SETTINGS.toBuilder()
                     .tls(TestTls.options(dir, TlsMode.IMPLICIT).build()).build())) {
            assertThat(client.isTls()).isTrue();
            assertThat(client.tlsSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(client.greeting().toString()).startsWith("220 mx.test.example");
            assertThat(client.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of("x\r\n"))
                    .acceptedByAll()).isTrue();
        }
    }
}
