package dev.pillarbox.smtp.extensions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import dev.pillarbox.smtp.testing.TlsTestClient;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.assertj.core.api.Assertions;

/** SMTP AUTH (RFC 4954) over STARTTLS: PLAIN, LOGIN and SCRAM-SHA-256, abuse limits and submission. */
class AuthTest {

    static final String ALICE_PASSWORD = "correct horse battery staple";
    static final String BOB_PASSWORD = "hunter2-but-longer";
    static final PasswordFileAuthenticator USERS = PasswordFileAuthenticator.parse(List.of(
            "# test users",
            PasswordFileAuthenticator.scramEntry("alice", ALICE_PASSWORD, 4096),
            PasswordFileAuthenticator.pbkdf2Entry("bob", BOB_PASSWORD, 4096)), "test-users");

    /** The identity MAIL saw, per MAIL command. */
    private final List<String> identities = Collections.synchronizedList(new ArrayList<>());
    /** The SASL mechanism MAIL saw, per MAIL command. */
    private final List<String> mechanisms = Collections.synchronizedList(new ArrayList<>());

    private SmtpTestServer server(AuthSettings settings) {
        return server(settings, USERS);
    }

    private SmtpTestServer server(AuthSettings settings, Authenticator authenticator) {
        return SmtpTestServer.start(new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())),
                new AuthModule(settings), new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Authenticator.class).toInstance(authenticator);
                        SmtpBinder.hook(binder(), MailHook.class).toInstance(recordIdentities(identities));
                        SmtpBinder.hook(binder(), MailHook.class).toInstance(new MailHook() {
                            @Override
                            public HookResult onMail(SessionView session, ReversePath path, EsmtpParameters p) {
                                mechanisms.add(session.authenticationMechanism().orElse("(none)"));
                                return HookResult.next();
                            }
                        });
                    }
                });
    }

    /** A MAIL hook that adds the session's authenticated identity (or "(none)") to {@code identities}. */
    static MailHook recordIdentities(List<String> identities) {
        return new MailHook() {
            @Override
            public int order() {
                return 900;
            }

            @Override
            public HookResult onMail(SessionView session, ReversePath path, EsmtpParameters p) {
                identities.add(session.authenticatedIdentity().orElse("(none)"));
                return HookResult.next();
            }
        };
    }

    private SmtpTestServer server() {
        return server(AuthSettings.defaults().withFailureDelay(Duration.ZERO, Duration.ZERO));
    }

    @Test
    void successesAndFailuresAreReportedToTheServersEventsByMechanism() {
        List<String> reported = Collections.synchronizedList(new ArrayList<>());
        ServerEvents events = new ServerEvents() {
            @Override
            public void authentication(String mechanism, boolean succeeded) {
                reported.add(mechanism + (succeeded ? " success" : " failure"));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(
                new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())),
                new AuthModule(AuthSettings.defaults().withFailureDelay(Duration.ZERO, Duration.ZERO)),
                binder -> {
                    binder.bind(Authenticator.class).toInstance(USERS);
                    ExtensionPoints.serverEvents(binder).toInstance(events);
                });
             TlsTestClient client = overTls(server)) {
            assertThat(client.command("AUTH PLAIN " + plain("bob", "wrong")).code().value()).isEqualTo(535);
            assertThat(client.command("AUTH PLAIN")).hasToString("334 ");
            assertThat(client.command("*")).hasToString("501 5.7.0 Authentication cancelled"); // not a failure
            assertThat(client.command("AUTH LOGIN " + b64("bob")).code().value()).isEqualTo(334);
            assertThat(client.command(b64(BOB_PASSWORD))).hasToString("235 2.7.0 Authentication successful");
        }
        assertThat(reported).containsExactly("PLAIN failure", "LOGIN success");
    }

    /** Greeted, EHLO, STARTTLS, EHLO again. */
    private static TlsTestClient overTls(SmtpTestServer server) {
        TlsTestClient client = TlsTestClient.plain(server.address(), TestPki.get().clientContext());
        client.expect(220);
        client.command("EHLO client.example");
        client.startTls();
        client.command("EHLO client.example");
        return client;
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String plain(String user, String password) {
        return b64("\0" + user + "\0" + password);
    }

    @Test
    void authIsNotOfferedOrAcceptedWithoutTls() {
        try (SmtpTestServer server = server();
             TlsTestClient client = TlsTestClient.plain(server.address(), TestPki.get().clientContext())) {
            client.expect(220);
            assertThat(client.command("EHLO client.example").lines()).noneMatch(line -> line.startsWith("AUTH"));
            assertThat(client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD)))
                    .hasToString("538 5.7.11 Encryption required for requested authentication mechanism");
        }
    }

    @Test
    void plaintextAuthWhenExplicitlyAllowed() {
        try (SmtpTestServer server = server(AuthSettings.defaults().withAllowPlaintext(true));
             TlsTestClient client = TlsTestClient.plain(server.address(), TestPki.get().clientContext())) {
            client.expect(220);
            assertThat(client.command("EHLO client.example").lines()).contains("AUTH PLAIN LOGIN SCRAM-SHA-256");
            assertThat(client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD)))
                    .hasToString("235 2.7.0 Authentication successful");
        }
    }

    @Test
    void ehloOffersTheMechanismsOverTls() {
        try (SmtpTestServer server = server(AuthSettings.defaults().withMechanisms(List.of("scram-sha-256", "PLAIN")));
             TlsTestClient client = TlsTestClient.plain(server.address(), TestPki.get().clientContext())) {
            client.expect(220);
            client.command("EHLO client.example");
            client.startTls();
            assertThat(client.command("EHLO client.example").lines()).contains("AUTH SCRAM-SHA-256 PLAIN");
        }
    }

    @Test
    void plainWithInitialResponseAuthenticatesAndTheSessionRecordsTheIdentity() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            assertThat(client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD)))
                    .hasToString("235 2.7.0 Authentication successful");
            client.command("MAIL FROM:<alice@example.org>");
            client.command("RCPT TO:<bob@example.net>");
            client.command("DATA");
            client.sendRaw("Subject: hi\r\n\r\nhello\r\n.\r\n");
            assertThat(client.readReply().code().value()).isEqualTo(250);
            assertThat(identities).containsExactly("alice");
            assertThat(mechanisms).containsExactly("PLAIN");
            assertThat(server.store().messages().get(0).receivedHeader()).contains(" with ESMTPSA id ");
        }
    }

    @Test
    void plainAfterAnEmptyChallenge() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            assertThat(client.command("AUTH PLAIN")).hasToString("334 ");
            assertThat(client.command(plain("bob", BOB_PASSWORD))).hasToString("235 2.7.0 Authentication successful");
        }
    }

    @Test
    void plainWithMatchingAuthorizationIdentity() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            assertThat(client.command("AUTH PLAIN " + b64("alice\0alice\0" + ALICE_PASSWORD)))
                    .hasToString("235 2.7.0 Authentication successful");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0alice\0wrong", "\0bob\0" + ALICE_PASSWORD, "\0mallory\0x", "bob\0alice\0" + ALICE_PASSWORD,
        "alice" + ALICE_PASSWORD, "\0\0" + ALICE_PASSWORD})
    void plainWithBadCredentialsIs535(String message) {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            assertThat(client.command("AUTH PLAIN " + b64(message)))
                    .hasToString("535 5.7.8 Authentication credentials invalid");
        }
    }

    @Test
    void equalsSignIsAnEmptyInitialResponse() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            // RFC 4954 4: "=" is a zero-length initial response, which PLAIN cannot accept
            assertThat(client.command("AUTH PLAIN =")).hasToString("535 5.7.8 Authentication credentials invalid");
            // LOGIN: an empty user name
            assertThat(client.command("AUTH LOGIN =")).hasToString("535 5.7.8 Authentication credentials invalid");
        }
    }

    @Test
    void loginAsksForUserNameThenPassword() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            assertThat(client.command("AUTH LOGIN")).hasToString("334 VXNlcm5hbWU6");
            assertThat(client.command(b64("bob"))).hasToString("334 UGFzc3dvcmQ6");
            assertThat(client.command(b64(BOB_PASSWORD))).hasToString("235 2.7.0 Authentication successful");
        }
    }

    @Test
    void loginWithTheUserNameAsInitialResponse() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            assertThat(client.command("AUTH LOGIN " + b64("alice"))).hasToString("334 UGFzc3dvcmQ6");
            assertThat(client.command(b64("nope"))).hasToString("535 5.7.8 Authentication credentials invalid");
        }
    }

    @Test
    void scramSha256AuthenticatesAndTheServerProvesItKnowsTheKeys() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            ScramClient scram = new ScramClient("alice", ALICE_PASSWORD);
            Reply serverFirst = client.command("AUTH SCRAM-SHA-256 " + scram.clientFirst());
            assertThat(serverFirst.code().value()).isEqualTo(334);
            Reply serverFinal = client.command(scram.clientFinal(serverFirst.text()));
            assertThat(serverFinal.code().value()).isEqualTo(334);
            assertThat(scram.verifyServerFinal(serverFinal.text())).as("server signature").isTrue();
            assertThat(client.command("")).hasToString("235 2.7.0 Authentication successful");
            client.command("MAIL FROM:<alice@example.org>");
            assertThat(identities).containsExactly("alice");
            assertThat(mechanisms).containsExactly("SCRAM-SHA-256");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice:wrong password", "mallory:" + ALICE_PASSWORD, "bob:" + BOB_PASSWORD})
    void scramWithBadCredentialsFailsOnTheProof(String credentials) {
        // bob has only a PBKDF2 hash, no SCRAM keys: he fails like an unknown user, after a normal server-first
        String[] parts = credentials.split(":", 2);
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            ScramClient scram = new ScramClient(parts[0], parts[1]);
            Reply serverFirst = client.command("AUTH SCRAM-SHA-256 " + scram.clientFirst());
            assertThat(serverFirst.code().value()).isEqualTo(334);
            assertThat(client.command(scram.clientFinal(serverFirst.text())))
                    .hasToString("535 5.7.8 Authentication credentials invalid");
        }
    }

    @Test
    void scramOffersUnknownUsersTheIterationCountAndSaltLengthOfRealEntries() {
        // RFC 5802 9: the server-first message must not tell which users exist
        List<String> shapes = new ArrayList<>();
        for (String user : List.of("alice", "mallory", "bob")) {
            try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
                Reply serverFirst = client.command("AUTH SCRAM-SHA-256 "
                        + new ScramClient(user, "any password").clientFirst());
                String message = new String(Base64.getDecoder().decode(serverFirst.text()), StandardCharsets.UTF_8);
                String salt = message.replaceFirst("^r=[^,]*,s=([^,]*),i=[0-9]+$", "$1");
                shapes.add(message.replaceFirst("^.*,i=", "i=") + " salt=" + Base64.getDecoder().decode(salt).length);
            }
        }
        assertThat(shapes).containsExactly("i=4096 salt=16", "i=4096 salt=16", "i=4096 salt=16");
    }

    @Test
    void scramWithAnAlteredNonceFails() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            ScramClient scram = new ScramClient("alice", ALICE_PASSWORD);
            Reply serverFirst = client.command("AUTH SCRAM-SHA-256 " + scram.clientFirst());
            String tampered = new String(Base64.getDecoder().decode(serverFirst.text()), StandardCharsets.UTF_8)
                    .replaceFirst("r=", "r=x");
            assertThat(client.command(scram.clientFinal(b64(tampered))))
                    .hasToString("535 5.7.8 Authentication credentials invalid");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOGIN", "PLAIN", "SCRAM-SHA-256"})
    void starCancelsTheExchange(String mechanism) {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            String start = mechanism.equals("SCRAM-SHA-256")
                    ? "AUTH SCRAM-SHA-256 " + new ScramClient("alice", ALICE_PASSWORD).clientFirst()
                    : "AUTH " + mechanism;
            assertThat(client.command(start).code().value()).isEqualTo(334);
            // RFC 4954 4: "*" cancels; the exchange ends with 501 and is not a failed attempt
            assertThat(client.command("*")).hasToString("501 5.7.0 Authentication cancelled");
            assertThat(client.command("NOOP")).hasToString("250 2.0.0 OK");
            assertThat(client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD)))
                    .hasToString("235 2.7.0 Authentication successful");
        }
    }

    @Test
    void authenticationFromBeforeStartTlsIsForgotten() {
        try (SmtpTestServer server = server(AuthSettings.defaults().withAllowPlaintext(true)
                .withFailureDelay(Duration.ZERO, Duration.ZERO));
             TlsTestClient client = TlsTestClient.plain(server.address(), TestPki.get().clientContext())) {
            client.expect(220);
            client.command("EHLO client.example");
            assertThat(client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD)))
                    .hasToString("235 2.7.0 Authentication successful");
            client.startTls();
            client.command("EHLO client.example");
            // RFC 3207 4.2: knowledge obtained before TLS, AUTH included, is discarded
            client.command("MAIL FROM:<alice@example.org>");
            assertThat(identities).containsExactly("(none)");
            client.command("RSET");
            assertThat(client.command("AUTH PLAIN " + plain("bob", BOB_PASSWORD)))
                    .hasToString("235 2.7.0 Authentication successful");
            client.command("MAIL FROM:<bob@example.org>");
            assertThat(identities).containsExactly("(none)", "bob");
        }
    }

    @Test
    void authBeforeEhloIs503() {
        try (SmtpTestServer server = server();
             TlsTestClient client = TlsTestClient.plain(server.address(), TestPki.get().clientContext())) {
            client.expect(220);
            client.command("EHLO client.example");
            client.startTls(); // the session is reset: no EHLO inside TLS yet
            assertThat(client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD)))
                    .hasToString("503 5.5.1 Bad sequence of commands");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "SCRAM-SHA-256"})
    void anAuthenticatorThatFailsIs454AndTheSessionGoesOn(String mechanism) {
        Authenticator down = new Authenticator() {
            @Override
            public boolean verifyPassword(String username, String password) {
                throw new java.io.UncheckedIOException(new java.io.IOException("directory unreachable"));
            }

            @Override
            public java.util.Optional<ScramCredentials> scramSha256(String username) {
                throw new java.io.UncheckedIOException(new java.io.IOException("directory unreachable"));
            }
        };
        try (SmtpTestServer server = server(AuthSettings.defaults().withFailureDelay(Duration.ZERO, Duration.ZERO),
                down); TlsTestClient client = overTls(server)) {
            Reply reply = switch (mechanism) {
                case "PLAIN" -> client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD));
                case "LOGIN" -> {
                    client.command("AUTH LOGIN " + b64("alice"));
                    yield client.command(b64(ALICE_PASSWORD));
                }
                default -> client.command("AUTH SCRAM-SHA-256 " + new ScramClient("alice", ALICE_PASSWORD).clientFirst());
            };
            assertThat(reply).hasToString("454 4.7.0 Temporary authentication failure");
            assertThat(client.command("NOOP")).hasToString("250 2.0.0 OK");
        }
    }

    @Test
    void invalidBase64Is501() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            assertThat(client.command("AUTH PLAIN not*base64"))
                    .hasToString("501 5.5.2 Cannot Base64-decode client response");
            client.command("AUTH LOGIN");
            assertThat(client.command("%%%")).hasToString("501 5.5.2 Cannot Base64-decode client response");
            assertThat(client.command("NOOP")).hasToString("250 2.0.0 OK");
        }
    }

    @Test
    void unknownMechanismIs504AndMissingMechanismIs501() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            assertThat(client.command("AUTH CRAM-MD5")).hasToString("504 5.5.4 Unrecognized authentication type");
            assertThat(client.command("AUTH")).hasToString("501 5.5.4 Syntax error: use AUTH mechanism"
                    + " [initial-response]");
            assertThat(client.command("AUTH PLAIN a b")).hasToString("501 5.5.4 Syntax error: use AUTH mechanism"
                    + " [initial-response]");
        }
    }

    @Test
    void authAfterASuccessfulAuthIs503() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD));
            assertThat(client.command("AUTH PLAIN " + plain("bob", BOB_PASSWORD)))
                    .hasToString("503 5.5.1 Already authenticated");
        }
    }

    @Test
    void authDuringATransactionIs503() {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD)))
                    .hasToString("503 5.5.1 Bad sequence of commands");
        }
    }

    @Test
    void failureDelayDoublesAndTheLastAllowedFailureCloses() {
        Duration base = Duration.ofMillis(100);
        try (SmtpTestServer server = server(AuthSettings.defaults().withFailureDelay(base, Duration.ofSeconds(5))
                .withMaxFailures(3));
             TlsTestClient client = overTls(server)) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                long start = System.nanoTime();
                Reply reply = client.command("AUTH PLAIN " + plain("alice", "guess" + attempt));
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isGreaterThanOrEqualTo(base.multipliedBy(1L << (attempt - 1)));
                assertThat(reply).hasToString("535 5.7.8 Authentication credentials invalid");
            }
            long start = System.nanoTime();
            assertThat(client.command("AUTH PLAIN " + plain("alice", "guess3")))
                    .hasToString("421 4.7.0 Too many failed authentication attempts, closing connection");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(base.multipliedBy(4));
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void failureDelayFollowsTheClientAddressAcrossConnections() {
        Duration base = Duration.ofMillis(100);
        try (SmtpTestServer server = server(AuthSettings.defaults().withFailureDelay(base, Duration.ofSeconds(5)))) {
            try (TlsTestClient first = overTls(server)) {
                first.command("AUTH PLAIN " + plain("alice", "guess"));
            }
            try (TlsTestClient second = overTls(server)) {
                long start = System.nanoTime();
                second.command("AUTH PLAIN " + plain("alice", "guess again"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(base.multipliedBy(2));
                // a success forgets the address's failures
                second.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD));
            }
            try (TlsTestClient third = overTls(server)) {
                long start = System.nanoTime();
                third.command("AUTH PLAIN " + plain("alice", "guess"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(base);
            }
        }
    }

    @Test
    void submissionListenerRequiresAuthBeforeMail() {
        try (SmtpTestServer server = server(AuthSettings.defaults().withRequireAuth(List.of("smtp")));
             TlsTestClient client = overTls(server)) {
            assertThat(client.command("MAIL FROM:<alice@example.org>")).hasToString("530 5.7.0 Authentication required");
            client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD));
            assertThat(client.command("MAIL FROM:<alice@example.org>")).hasToString("250 2.1.0 Sender OK");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTH=<>", "AUTH=alice@example.org", "AUTH=alice+2Bextra@example.org"})
    void authParameterOnMailIsAccepted(String parameter) {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            client.command("AUTH PLAIN " + plain("alice", ALICE_PASSWORD));
            assertThat(client.command("MAIL FROM:<alice@example.org> " + parameter))
                    .hasToString("250 2.1.0 Sender OK");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTH", "AUTH=a+2b@example.org", "AUTH=a+", "AUTH=a+4"})
    void malformedAuthParameterIs501(String parameter) {
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            assertThat(client.command("MAIL FROM:<alice@example.org> " + parameter))
                    .hasToString("501 5.5.4 Syntax error: the AUTH parameter must be <> or an xtext-encoded mailbox");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void angusMailAuthenticatesOverStartTls(String mechanism) throws Exception {
        try (SmtpTestServer server = server()) {
            Session session = Session.getInstance(angus(server, mechanism));
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect("alice", ALICE_PASSWORD);
                transport.sendMessage(message(session), new InternetAddress[] {new InternetAddress("bob@example.net")});
            }
            assertThat(server.store().awaitMessages(1, Duration.ofSeconds(5)).get(0).receivedHeader())
                    .contains(" with ESMTPSA id ");
            assertThat(identities).containsExactly("alice");
        }
    }

    @Test
    void angusMailWithAWrongPasswordGetsAnAuthenticationFailure() throws Exception {
        try (SmtpTestServer server = server()) {
            Session session = Session.getInstance(angus(server, "PLAIN"));
            try (Transport transport = session.getTransport("smtp")) {
                Assertions.assertThatThrownBy(() -> transport.connect("alice", "wrong"))
                        .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535 5.7.8");
            }
        }
    }

    @Test
    void passwordsAndResponsesAreNeverLogged() {
        Logger logger = (Logger) LoggerFactory.getLogger(AuthHandler.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG); // the suite's logback-test.xml keeps the root at WARN
        logger.addAppender(appender);
        try (SmtpTestServer server = server(); TlsTestClient client = overTls(server)) {
            client.command("AUTH PLAIN " + plain("alice", "wrong-secret"));
            client.command("AUTH LOGIN " + b64("alice"));
            client.command(b64(ALICE_PASSWORD));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        List<String> logged = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains("wrong-secret")
                || line.contains(ALICE_PASSWORD) || line.contains(b64(ALICE_PASSWORD)));
    }

    private static Properties angus(SmtpTestServer server, String mechanism) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.address().getPort()));
        properties.put("mail.smtp.localhost", "client.example");
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.auth.mechanisms", mechanism);
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.socketFactory", TestPki.get().clientContext().getSocketFactory());
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.timeout", "5000");
        properties.put("mail.smtp.connectiontimeout", "5000");
        return properties;
    }

    private static MimeMessage message(Session session) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.net"));
        message.setText("authenticated\n");
        return message;
    }
}
