package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.extensions.auth.AuthModule;
import dev.pillarbox.smtp.extensions.auth.AuthSettings;
import dev.pillarbox.smtp.extensions.auth.Authenticator;
import dev.pillarbox.smtp.extensions.auth.PasswordFileAuthenticator;
import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.testing.EngineProcess;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpSink;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pillarbox send} over real sockets: against Pillarbox's own server (content, standard input, the dialogue
 * with -v, BDAT, LMTP's per-recipient replies, STARTTLS with AUTH, implicit TLS) and against Postfix's smtp-sink
 * told to refuse (5xx, 4xx, a hang-up), with the exit status and the message for each outcome and each bad input.
 */
class SendCommandTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    private static SmtpTestServer.Builder withExtensions(String... plugins) {
        return SmtpTestServer.builder().settings(s -> {
            s.discoverPlugins(true);
            for (String plugin : plugins) {
                s.plugin(PluginSettings.empty(plugin));
            }
            return s;
        });
    }

    private static String server(SmtpTestServer server) {
        return "127.0.0.1:" + server.address().getPort();
    }

    @Test
    void sendsAFileToEveryRecipientAndPrintsOneLinePerRecipient() throws Exception {
        Path message = Files.writeString(dir.resolve("m.eml"), "Subject: hello\n\nline one\n.leading dot\n");
        try (SmtpTestServer server = SmtpTestServer.start()) {
            CommandRun run = CommandRun.run("send", "--server", server(server), "--from", "alice@example.org",
                    "--to", "bob@example.net", "--to", "carol@example.net", "--data", message.toString());
            assertThat(run.status()).as(run.toString()).isZero();
            List<String> lines = run.out().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("<bob@example.net> ACCEPTED 250 2.0.0 OK: queued as ");
            assertThat(lines.get(1)).startsWith("<carol@example.net> ACCEPTED 250 2.0.0 OK: queued as ");
            StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(10)).get(0);
            assertThat(stored.envelope().recipients()).extracting(Object::toString)
                    .containsExactly("<bob@example.net>", "<carol@example.net>");
            assertThat(stored.contentAsString()).endsWith("Subject: hello\r\n\r\nline one\r\n.leading dot\r\n");
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void readsTheMessageFromStandardInputWithDataDash() throws Exception {
        byte[] stdin = "Subject: piped\r\n\r\nfrom stdin\r\n".getBytes(StandardCharsets.US_ASCII);
        try (SmtpTestServer server = SmtpTestServer.start()) {
            CommandRun run = CommandRun.run(stdin, false, "send", "--server", server(server), "--from", "",
                    "--to", "bob@example.net", "--data", "-");
            assertThat(run.status()).as(run.toString()).isZero();
            StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(10)).get(0);
            assertThat(stored.envelope().reversePath().orElseThrow().toString()).isEqualTo("<>");
            assertThat(stored.contentAsString()).endsWith("Subject: piped\r\n\r\nfrom stdin\r\n");
        }
    }

    @Test
    void withoutDataATestMessageWithDateFromAndMessageIdIsSent() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.start()) {
            CommandRun run = CommandRun.run("send", "--server", server(server), "--from", "alice@example.org",
                    "--to", "bob@example.net");
            assertThat(run.status()).as(run.toString()).isZero();
            String content = server.store().awaitMessages(1, Duration.ofSeconds(10)).get(0).contentAsString();
            assertThat(content).contains("\r\nDate: ", "\r\nFrom: <alice@example.org>\r\n",
                    "\r\nTo: <bob@example.net>\r\n", "@example.org>\r\n\r\nThis is a test message");
        }
    }

    @Test
    void verbosePrintsTheDialogueTheSwaksWay() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.start()) {
            CommandRun run = CommandRun.run("send", "--server", server(server), "--from", "alice@example.org",
                    "--to", "bob@example.net", "--helo", "client.example", "-v");
            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(run.out().lines()).startsWith("=== Trying " + server(server) + " (SMTP)",
                    "<-  220 mx.test.example ESMTP Pillarbox", " -> EHLO client.example");
            assertThat(run.out().lines()).contains(" -> RCPT TO:<bob@example.net>", " -> DATA",
                    "<-  354 Start mail input; end with <CRLF>.<CRLF>", " -> QUIT", "=== Connection closed");
            assertThat(run.out().lines().filter(l -> l.startsWith(" -> MAIL FROM:<alice@example.org>")))
                    .hasSize(1);
            assertThat(run.out().lines().toList().get((int) run.out().lines().count() - 1))
                    .startsWith("<bob@example.net> ACCEPTED 250 ");
        }
    }

    @Test
    void bdatSendsChunksOfTheGivenSize() throws Exception {
        String content = "Subject: chunks\r\n\r\n" + "0123456789".repeat(5) + "\r\n";
        Path message = Files.writeString(dir.resolve("m.eml"), content);
        try (SmtpTestServer server = withExtensions().start()) {
            CommandRun run = CommandRun.run("send", "--server", server(server), "--from", "a@example.org",
                    "--to", "b@example.net", "--data", message.toString(), "--bdat", "32", "-v");
            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(run.out().lines().filter(l -> l.startsWith(" -> BDAT "))).containsExactly(" -> BDAT 32",
                    " -> BDAT 32", " -> BDAT 7 LAST");
            assertThat(server.store().awaitMessages(1, Duration.ofSeconds(10)).get(0).contentAsString())
                    .endsWith(content);
        }
    }

    private static final Reply MAILBOX_FULL = Reply.of(452, "4.2.2", "Mailbox full");

    /** Refuses the recipient full@... with 452 after the data, as an LMTP server reports per recipient. */
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
    void lmtpPrintsEachRecipientsOwnReplyAndExitsFourForADeferral() throws Exception {
        try (SmtpTestServer server = withExtensions("lmtp")
                .settings(s -> s.listeners(List.of(ListenerSettings.loopback().withName("lmtp")
                        .withProtocol(Protocol.LMTP))))
                .modules(fullMailbox()).start()) {
            CommandRun run = CommandRun.run("send", "--server", server(server), "--lmtp", "--from", "a@example.org",
                    "--to", "ok@example.net", "--to", "full@example.net", "-v");
            assertThat(run.status()).as(run.toString()).isEqualTo(SendCommand.DEFERRED);
            assertThat(run.out()).contains(" -> LHLO ", "<** 452 4.2.2 Mailbox full");
            List<String> results = run.out().lines().filter(l -> l.startsWith("<") && l.contains("@")).toList();
            assertThat(results).hasSize(2);
            assertThat(results.get(0)).startsWith("<ok@example.net> ACCEPTED 250 2.0.0 OK: queued as ");
            assertThat(results.get(1)).isEqualTo("<full@example.net> DEFERRED 452 4.2.2 Mailbox full");
        }
    }

    private Path caPem() throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(TestPki.get().caCertificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(dir.resolve("ca.pem"), pem);
    }

    private static SmtpTestServer authServer() {
        PasswordFileAuthenticator users = PasswordFileAuthenticator.parse(List.of(
                PasswordFileAuthenticator.scramEntry("alice", PASSWORD, 4096)), "test-users");
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
    void startTlsThenAuthWithThePasswordFromAFileWhichNeverShows() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        try (SmtpTestServer server = authServer()) {
            CommandRun run = CommandRun.run("send", "--server", server(server), "--tls", "--tls-ca",
                    caPem().toString(), "--auth-user", "alice", "--auth-password-file", password.toString(),
                    "--from", "alice@example.org", "--to", "bob@example.net", "-v");
            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(run.out()).contains("=== Trying " + server(server) + " (SMTP with STARTTLS)", " -> STARTTLS",
                    " -> AUTH SCRAM-SHA-256", "<-  235 ");
            assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
            assertThat(server.store().awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);

            CommandRun wrong = CommandRun.run("send", "--server", server(server), "--tls", "--tls-ca",
                    caPem().toString(), "--auth-user", "alice", "--auth-password-file",
                    Files.writeString(dir.resolve("wrong"), "wrong").toString(), "--from", "alice@example.org",
                    "--to", "bob@example.net");
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(1);
            assertThat(wrong.err()).isEqualTo("pillarbox send: AUTH SCRAM-SHA-256 refused: 535 5.7.8 Authentication"
                    + " credentials invalid\n");
        }
    }

    @Test
    void aCertificateFromAnUntrustedCaFailsTheHandshakeWithExitOne() throws Exception {
        try (SmtpTestServer server = authServer()) {
            CommandRun run = CommandRun.run("send", "--server", server(server), "--tls", "--from", "a@example.org",
                    "--to", "b@example.net");
            assertThat(run.status()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).startsWith("pillarbox send: TLS handshake with 127.0.0.1:" + server.address()
                    .getPort() + " failed: the server's certificate was refused: PKIX path building failed");
        }
    }

    @Test
    void tlsOnConnect() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.listeners(List.of(ListenerSettings.loopback().withName("smtps")
                        .withImplicitTls(true))))
                .modules(new StartTlsModule(TlsSettings.context(TestPki.get().serverContext()))).start()) {
            CommandRun run = CommandRun.run("send", "--server", server(server), "--tls-on-connect", "--tls-ca",
                    caPem().toString(), "--tls-server-name", "mx.test.example", "--from", "a@example.org",
                    "--to", "b@example.net", "-v");
            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(run.out()).contains("(SMTP over TLS)", "<-  220 mx.test.example");
            assertThat(server.store().awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
        }
    }

    static Stream<Arguments> smtpSinkOutcomes() {
        return Stream.of(
                Arguments.of(List.of(), 0, "<b@example.net> ACCEPTED 250 2.0.0 Ok\n"),
                Arguments.of(List.of("-f", "RCPT"), SendCommand.REFUSED,
                        "<b@example.net> REFUSED 500 5.3.0 Error: command failed"),
                Arguments.of(List.of("-r", "RCPT"), SendCommand.DEFERRED,
                        "<b@example.net> DEFERRED 450 4.3.0 Error: command failed"),
                Arguments.of(List.of("-f", "DATA"), SendCommand.REFUSED,
                        "<b@example.net> REFUSED 500 5.3.0 Error: command failed"));
    }

    @ParameterizedTest(name = "smtp-sink {0}: exit {1}")
    @MethodSource("smtpSinkOutcomes")
    void smtpSinkRefusalsGiveTheirExitStatusAndReply(List<String> options, int status, String line)
            throws Exception {
        try (SmtpSink sink = SmtpSink.start(dir, options.toArray(new String[0]))) {
            CommandRun run = CommandRun.run("send", "--server", sink.server(), "--from", "a@example.org",
                    "--to", "b@example.net", "--timeout", "30");
            assertThat(run.status()).as(run.toString()).isEqualTo(status);
            assertThat(run.out()).startsWith(line);
        }
    }

    @Test
    void aServerThatHangsUpIsAFailureThatSaysWhere() throws Exception {
        try (SmtpSink sink = SmtpSink.start(dir, "-q", "MAIL")) {
            CommandRun run = CommandRun.run("send", "--server", sink.server(), "--from", "a@example.org",
                    "--to", "b@example.net");
            assertThat(run.status()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("pillarbox send: the server " + sink.server() + " closed the connection"
                    + " while the client waited for the reply to MAIL FROM:<a@example.org>; no part of a reply had"
                    + " arrived\n");
        }
    }

    @Test
    void nothingListeningIsAFailureThatNamesTheAddress() throws Exception {
        int port = EngineProcess.freePort();
        CommandRun run = CommandRun.run("send", "--server", "127.0.0.1:" + port, "--from", "a@example.org",
                "--to", "b@example.net");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("pillarbox send: could not connect to 127.0.0.1:" + port
                + ": Connection refused\n");
    }

    @Test
    void requiredStartTlsThatIsNotOfferedSendsNothing() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.start()) {
            CommandRun run = CommandRun.run("send", "--server", server(server), "--tls", "--from", "a@example.org",
                    "--to", "b@example.net");
            assertThat(run.status()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).startsWith("pillarbox send: the server " + server(server) + " does not offer "
                    + "STARTTLS, which the client settings require");
            assertThat(server.store().messages()).isEmpty();
        }
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--server", "127.0.0.1", "--from", "a@example.org", "--to", "b@example.net"),
                        "Invalid value for option '--server': \"127.0.0.1\" is not a server address (the port is "
                                + "missing); expected HOST:PORT"),
                Arguments.of(List.of("--server", "127.0.0.1:99999", "--from", "a@example.org", "--to",
                        "b@example.net"), "(port 99999 is not in 1..65535)"),
                Arguments.of(List.of("--server", "127.0.0.1:25", "--from", "a@example.org"),
                        "Missing required option: '--to=ADDRESS'"),
                Arguments.of(List.of("--server", "127.0.0.1:25", "--from", "a@example.org", "--to", "b@@example.net"),
                        "pillarbox send: invalid recipient address \"b@@example.net\""),
                Arguments.of(List.of("--server", "127.0.0.1:25", "--from", "a@", "--to", "b@example.net"),
                        "pillarbox send: invalid"),
                Arguments.of(List.of("--server", "127.0.0.1:25", "--from", "a@example.org", "--to", "b@example.net",
                        "--tls", "--tls-on-connect"), "pillarbox send: --tls and --tls-on-connect exclude each other"),
                Arguments.of(List.of("--server", "127.0.0.1:25", "--from", "a@example.org", "--to", "b@example.net",
                        "--tls-ca", "ca.pem"), "pillarbox send: --tls-ca needs --tls, --tls-optional or"),
                Arguments.of(List.of("--server", "127.0.0.1:25", "--from", "a@example.org", "--to", "b@example.net",
                        "--auth-user", "alice"), "pillarbox send: --auth-user and --auth-password-file go together"),
                Arguments.of(List.of("--server", "127.0.0.1:25", "--from", "a@example.org", "--to", "b@example.net",
                        "--auth-user", "alice", "--auth-password-file", "/nonexistent/pw"),
                        "pillarbox send: --auth-password-file /nonexistent/pw does not exist"),
                Arguments.of(List.of("--server", "127.0.0.1:25", "--from", "a@example.org", "--to", "b@example.net",
                        "--data", "/nonexistent/m.eml"), "pillarbox send: --data /nonexistent/m.eml does not exist"),
                Arguments.of(List.of("--server", "127.0.0.1:25", "--from", "a@example.org", "--to", "b@example.net",
                        "--bdat", "0"), "pillarbox send: --bdat SIZE must be at least 1 octet, not 0"),
                Arguments.of(List.of("--server", "127.0.0.1:25", "--from", "a@example.org", "--to", "b@example.net",
                        "--timeout", "0"), "pillarbox send: --timeout must be at least 1 second, not 0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("usageErrors")
    void badInputIsAUsageErrorThatNamesTheProblem(List<String> args, String message) {
        String[] all = Stream.concat(Stream.of("send"), args.stream()).toArray(String[]::new);
        CommandRun run = CommandRun.run(all);
        assertThat(run.status()).as(run.toString()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }
}
