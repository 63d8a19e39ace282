package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import dev.pillarbox.smtp.testing.RecordingMessageStore;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import dev.pillarbox.smtp.testing.TlsTestClient;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the engine reports to a bound {@link ServerEvents} observer: each event once, in the order it happened, for
 * scripted sessions over real sockets.
 */
class ServerEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aSessionReportsItsConnectionCommandsRepliesHooksAndMessage() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (SmtpTestServer server = SmtpTestServer.builder().modules(events.module(), new RefuseNobody()).start();
             SmtpTestClient client = server.greeted()) {
            client.command("EHLO client.example");
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command("RCPT TO:<nobody@example.net>").code().value()).isEqualTo(550);
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.command("XFOO bar").code().value()).isEqualTo(500);
            assertThat(client.data("Subject: hi\r\n\r\nhello\r\n").code().value()).isEqualTo(250);
            client.command("QUIT");
            events.await("closed smtp");
            long octets = server.store().messages().get(0).bodyBytes().length;
            assertThat(events.list()).containsExactly(
                    "opened smtp", "reply 220",
                    "command EHLO", "reply 250",
                    "command MAIL", "reply 250",
                    "command RCPT", "hook RCPT", "reply 550",
                    "command RCPT", "hook RCPT", "reply 250",
                    "command XFOO", "reply 500", "error SYNTAX",
                    "command DATA", "reply 354", "commit store true", "message 250 " + octets, "reply 250",
                    "command QUIT", "reply 221",
                    "closed smtp");
        }
    }

    @Test
    void aFailedCommitIsReportedWithTheDeferral() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (SmtpTestServer server = SmtpTestServer.builder().modules(events.module())
                .store(new RecordingMessageStore().failAt(RecordingMessageStore.Failure.COMMIT)).start();
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("hello\r\n").code().value()).isEqualTo(451);
            client.command("QUIT");
            events.await("closed smtp");
            assertThat(events.list()).containsSubsequence("command DATA", "reply 354", "commit store false",
                    "message 451 7", "reply 451");
        }
    }

    @Test
    void refusedConnectionsAreReportedByLimit() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (SmtpTestServer server = SmtpTestServer.builder().modules(events.module())
                .settings(s -> s.connectionLimits(2, 1).trustedNetworks(Networks.NONE)).start();
             SmtpTestClient first = server.greeted();
             SmtpTestClient second = server.connect()) {
            assertThat(second.readReply().code().value()).isEqualTo(421);
            assertThat(second.awaitClose()).isTrue();
            events.await("refused smtp PER_CLIENT_LIMIT");
            assertThat(events.list()).containsExactly("opened smtp", "reply 220", "refused smtp PER_CLIENT_LIMIT");
        }
        try (SmtpTestServer server = SmtpTestServer.builder().modules(events.module())
                .settings(s -> s.connectionLimits(1, 1)).start();
             SmtpTestClient first = server.greeted();
             SmtpTestClient second = server.connect()) {
            assertThat(second.readReply().code().value()).isEqualTo(421);
            events.await("refused smtp LIMIT");
        }
    }

    @Test
    void protocolErrorsAreReportedByKind() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (SmtpTestServer server = SmtpTestServer.builder().modules(events.module())
                .settings(s -> s.junkCommandLimit(1).idleTimeout(Duration.ofMillis(500))).start()) {
            try (SmtpTestClient client = server.afterEhlo()) {
                client.command("NOOP");
                client.command("NOOP"); // past the junk limit of 1
                assertThat(client.readReply().code().value()).isEqualTo(421); // the idle timeout
                events.await("closed smtp");
            }
            assertThat(events.list()).containsSubsequence("command NOOP", "reply 250", "command NOOP", "reply 250",
                    "error JUNK_LIMIT", "error TIMEOUT", "reply 421", "closed smtp");
            events.clear();
            try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
                // HELO and MAIL in one write: pipelining without PIPELINING offered (RFC 2920)
                socket.getInputStream().read(new byte[512]);
                OutputStream out = socket.getOutputStream();
                out.write("HELO client.example\r\nMAIL FROM:<a@example.org>\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                events.await("closed smtp");
            }
            assertThat(events.list()).containsSubsequence("command HELO", "error IMPROPER_PIPELINING",
                    "reply 554", "closed smtp");
        }
    }

    @Test
    void theHardErrorLimitIsReportedOnce() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (SmtpTestServer server = SmtpTestServer.builder().modules(events.module())
                .settings(s -> s.hardErrorLimit(2)).start();
             SmtpTestClient client = server.greeted()) {
            client.command("XFOO");
            client.command("XBAR");
            assertThat(client.readReply().code().value()).isEqualTo(421);
            events.await("closed smtp");
            assertThat(events.list().stream().filter(e -> e.startsWith("error"))).containsExactly(
                    "error SYNTAX", "error SYNTAX", "error ERROR_LIMIT");
        }
    }

    @Test
    void tlsHandshakesAreReportedWithTheirProtocolAndFailuresAsRefusals() throws Exception {
        RecordingEvents events = new RecordingEvents();
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.listeners(List.of(ListenerSettings.loopback(),
                        ListenerSettings.loopback().withName("smtps").withImplicitTls(true))))
                .modules(events.module(), new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())))
                .start()) {
            try (TlsTestClient client = TlsTestClient.plain(server.server().boundAddress("smtp"),
                    TestPki.get().clientContext())) {
                client.expect(220);
                client.command("EHLO client.example");
                client.startTls();
                client.command("QUIT");
            }
            events.await("closed smtp");
            assertThat(events.list()).containsSubsequence("command STARTTLS", "reply 220", "tls smtp TLSv1.3",
                    "command QUIT", "reply 221", "closed smtp");
            events.clear();
            try (Socket socket = new Socket(server.address().getAddress(),
                    server.server().boundAddress("smtps").getPort())) {
                socket.getOutputStream().write("EHLO plain.example\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                events.await("closed smtps");
            }
            assertThat(events.list()).containsExactly("opened smtps", "tls-failed smtps false",
                    "refused smtps TLS_HANDSHAKE", "closed smtps");
        }
    }

    @Test
    void refusalsBeforeTheGreetingAreReportedByReason() throws Exception {
        RecordingEvents events = new RecordingEvents();
        AbstractModule refuseAll = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), ConnectHook.class).toInstance(new ConnectHook() {
                    @Override
                    public int order() {
                        return 100;
                    }

                    @Override
                    public HookResult onConnect(SessionView session) {
                        return HookResult.reject(Reply.of(554, "5.7.1", "Not here"));
                    }
                });
            }
        };
        try (SmtpTestServer server = SmtpTestServer.builder().modules(events.module(), refuseAll).start();
             SmtpTestClient client = server.connect()) {
            assertThat(client.readReply().toString()).isEqualTo("554 5.7.1 Not here");
            events.await("closed smtp");
            assertThat(events.list()).containsExactly("opened smtp", "hook CONNECT", "refused smtp CONNECT_HOOK",
                    "reply 554", "closed smtp");
        }
        events.clear();
        try (SmtpTestServer server = SmtpTestServer.builder().modules(events.module())
                .settings(s -> s.listeners(List.of(ListenerSettings.loopback().withProxyProtocol(true)
                        .withTrustedProxies(Networks.NONE)))).start();
             SmtpTestClient client = server.connect()) {
            assertThat(client.awaitClose()).isTrue();
            events.await("closed smtp");
            assertThat(events.list()).containsExactly("opened smtp", "refused smtp UNTRUSTED_PROXY", "closed smtp");
        }
    }

    /** Refuses the recipient nobody@ with 550 5.1.1. */
    private static final class RefuseNobody extends AbstractModule {
        @Override
        protected void configure() {
            SmtpBinder.hook(binder(), RcptHook.class).toInstance(new RcptHook() {
                @Override
                public int order() {
                    return 100;
                }

                @Override
                public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
                    return forwardPath.toString().startsWith("<nobody@")
                            ? HookResult.reject(Reply.of(550, "5.1.1", "No such user")) : HookResult.next();
                }
            });
        }
    }

    /** Every event as a line, in order; hook and commit times left out. */
    static final class RecordingEvents implements ServerEvents {

        private final List<String> events = new ArrayList<>();

        AbstractModule module() {
            RecordingEvents self = this;
            return new AbstractModule() {
                @Override
                protected void configure() {
                    ExtensionPoints.serverEvents(binder()).toInstance(self);
                }
            };
        }

        synchronized List<String> list() {
            return List.copyOf(events);
        }

        synchronized void clear() {
            events.clear();
        }

        synchronized void await(String event) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!events.contains(event)) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("waiting for %s in %s", event, events).isPositive();
                wait(Math.max(1, left / 1_000_000));
            }
        }

        private synchronized void add(String event) {
            events.add(event);
            notifyAll();
        }

        @Override
        public void connectionOpened(String listener) {
            add("opened " + listener);
        }

        @Override
        public void connectionRefused(String listener, ConnectionRefusal reason) {
            add("refused " + listener + " " + reason);
        }

        @Override
        public void connectionClosed(String listener) {
            add("closed " + listener);
        }

        @Override
        public void command(String verb) {
            add("command " + verb);
        }

        @Override
        public void reply(int code) {
            add("reply " + code);
        }

        @Override
        public void protocolError(ProtocolError kind) {
            add("error " + kind);
        }

        @Override
        public void message(int code, long octets) {
            add("message " + code + " " + octets);
        }

        @Override
        public void commit(String target, long nanos, boolean succeeded) {
            add("commit " + target + " " + succeeded);
        }

        @Override
        public void tlsHandshake(String listener, String protocol) {
            add("tls " + listener + " " + protocol);
        }

        @Override
        public void tlsHandshakeFailed(String listener, boolean timedOut) {
            add("tls-failed " + listener + " " + timedOut);
        }

        @Override
        public void authentication(String mechanism, boolean succeeded) {
            add("auth " + mechanism + " " + succeeded);
        }

        @Override
        public void hookStage(HookStage stage, long nanos) {
            assertThat(nanos).isNotNegative();
            add("hook " + stage);
        }
    }
}
