package dev.pillarbox.smtp.extensions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.testing.PostfixInstance;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * SCRAM-SHA-256 with a real client library: Postfix's SMTP client relays through the server and authenticates with
 * Cyrus SASL, which refuses iteration counts above 65,536 ("iteration-count is too big, refusing to compute"). A
 * password file entry made with the default count must work with it.
 */
class CyrusSaslInteropTest {

    private static final String PASSWORD = "cyrus-scram-password";

    @Test
    void postfixAuthenticatesWithScramSha256AgainstAnEntryOfTheDefaultCount() throws Exception {
        PasswordFileAuthenticator users = PasswordFileAuthenticator.parse(List.of(PasswordFileAuthenticator
                .scramEntry("alice", PASSWORD, ScramCredentials.DEFAULT_ITERATIONS)), "users");
        List<String> identities = Collections.synchronizedList(new ArrayList<>());
        try (SmtpTestServer server = SmtpTestServer.start(
                new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())),
                new AuthModule(AuthSettings.defaults().withMechanisms(List.of("SCRAM-SHA-256"))),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Authenticator.class).toInstance(users);
                        SmtpBinder.hook(binder(), MailHook.class).toInstance(AuthTest.recordIdentities(identities));
                    }
                });
             PostfixInstance postfix = PostfixInstance.start(
                     "[127.0.0.1]:" + server.address().getPort(), Map.of(
                             "smtp_tls_security_level", "encrypt",
                             "smtp_sasl_auth_enable", "yes",
                             "smtp_sasl_password_maps", "static:alice:" + PASSWORD,
                             "smtp_sasl_mechanism_filter", "scram-sha-256",
                             "smtp_sasl_security_options", "noanonymous",
                             "smtp_sasl_tls_security_options", "noanonymous"))) {
            try (SmtpTestClient client = SmtpTestClient.inTransaction(postfix.smtpd())) {
                assertThat(client.data("Subject: relayed\r\n\r\nthrough postfix\r\n").code().value()).isEqualTo(250);
            }
            List<StoredMessage> stored = awaitDelivery(server, postfix);
            assertThat(identities).containsExactly("alice");
            assertThat(stored.get(0).receivedHeader()).contains(" with ESMTPSA id ");
            assertThat(stored.get(0).body()).endsWith("\r\n\r\nthrough postfix\r\n");
        }
    }

    /** The stored message, or a failure with Postfix's log as soon as Postfix gave up on it (or after a minute). */
    private static List<StoredMessage> awaitDelivery(SmtpTestServer server, PostfixInstance postfix)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return server.store().awaitMessages(1, Duration.ofMillis(200));
            } catch (TimeoutException e) {
                String log = postfix.log();
                if (log.contains("status=deferred") || log.contains("status=bounced")
                        || System.nanoTime() > deadline) {
                    throw new AssertionError("postfix did not deliver through the server\n--- maillog\n" + log, e);
                }
            }
        }
    }
}
