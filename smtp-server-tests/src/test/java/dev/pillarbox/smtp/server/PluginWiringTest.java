package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.DisconnectHook;
import dev.pillarbox.smtp.plugins.api.HeloHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.api.UnknownCommandHook;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Plugins add verbs, hooks and capabilities through SmtpBinder, exactly as the built-in verbs are bound. */
class PluginWiringTest {

    static final class XfooHandler implements CommandHandler {
        @Override
        public Outcome handle(dev.pillarbox.smtp.plugins.api.Session session, Command command) {
            return Outcome.reply(Reply.of(250, "2.0.0", "XFOO says " + command.argument()));
        }

        @Override
        public Set<Phase> acceptedPhases() {
            return Phase.AFTER_HELO;
        }
    }

    static final class XfooModule extends AbstractModule {
        @Override
        protected void configure() {
            SmtpBinder.verb(binder(), "XFOO").to(XfooHandler.class);
            SmtpBinder.capability(binder()).toInstance(session -> Optional.of("XFOO"));
        }
    }

    static final class OtherXfooHandler implements CommandHandler {
        @Override
        public Outcome handle(dev.pillarbox.smtp.plugins.api.Session session, Command command) {
            return Outcome.reply(Reply.of(250, "2.0.0", "the other XFOO"));
        }
    }

    static final class OtherXfooModule extends AbstractModule {
        @Override
        protected void configure() {
            SmtpBinder.verb(binder(), "xfoo").to(OtherXfooHandler.class);
        }
    }

    static final class AddsMailModule extends AbstractModule {
        @Override
        protected void configure() {
            SmtpBinder.verb(binder(), "MAIL").to(XfooHandler.class);
        }
    }

    @Test
    void customVerbIsDispatchedAndAdvertised() {
        try (SmtpTestServer server = SmtpTestServer.start(new XfooModule());
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command("XFOO bar").toString()).isEqualTo("503 5.5.1 Bad sequence of commands");
            assertThat(client.command("EHLO client.example").toString())
                    .isEqualTo("250-mx.test.example\r\n250-PIPELINING\r\n250 XFOO");
            assertThat(client.command("xfoo bar").toString()).isEqualTo("250 2.0.0 XFOO says bar");
        }
    }

    @Test
    void twoPluginsAddingTheSameVerbFailStartUpNamingBoth() {
        assertThatThrownBy(() -> SmtpTestServer.start(new XfooModule(), new OtherXfooModule()))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("XFOO")
                .hasMessageContaining(XfooModule.class.getName())
                .hasMessageContaining(OtherXfooModule.class.getName());
    }

    @Test
    void addingABuiltInVerbFailsStartUpPointingToReplaceVerb() {
        assertThatThrownBy(() -> SmtpTestServer.start(new AddsMailModule()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("verb MAIL is built in (or default-bound) and cannot be added with SmtpBinder.verb;"
                        + " use SmtpBinder.replaceVerb(binder(), \"MAIL\") to replace it");
    }

    @Test
    void replacingABuiltInVerbTakesEffect() {
        AbstractModule vrfy = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.replaceVerb(binder(), "VRFY").toInstance((session, command) ->
                        Outcome.reply(Reply.of(550, "5.1.1", "No such user here")));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(vrfy); SmtpTestClient client = server.greeted()) {
            assertThat(client.command("VRFY nobody").toString()).isEqualTo("550 5.1.1 No such user here");
        }
    }

    @Test
    void replacingTheUnknownVerbFallBack() {
        AbstractModule fallback = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.unknownVerb(binder()).toInstance((session, command) ->
                        Outcome.reply(Reply.of(502, "5.5.1", command.verb() + " is not implemented")));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(fallback); SmtpTestClient client = server.greeted()) {
            assertThat(client.command("ETRN example.org").toString()).isEqualTo("502 5.5.1 ETRN is not implemented");
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void rcptHookRejectsWithItsOwnReply() {
        RcptHook hook = new RcptHook() {
            @Override
            public int order() {
                return 100;
            }

            @Override
            public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
                return forwardPath.toString().startsWith("<spam")
                        ? HookResult.reject(Reply.of(550, "5.7.1", "We do not want mail for " + forwardPath))
                        : HookResult.next();
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(hookModule(RcptHook.class, hook));
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command("RCPT TO:<spamtrap@example.net>").toString())
                    .isEqualTo("550 5.7.1 We do not want mail for <spamtrap@example.net>");
            assertThat(client.command("RCPT TO:<ok@example.net>").toString()).isEqualTo("250 2.1.5 Recipient OK");
        }
    }

    @Test
    void heloHookRefusesWithItsOwnTextAndAnAcceptReplacesTheGreetingReply() {
        HeloHook hook = new HeloHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onHelo(SessionView session, String heloName, boolean extended) {
                if (heloName.equals("localhost")) {
                    return HookResult.reject(Reply.of(550, "5.7.1", "Say who you really are, not " + heloName));
                }
                return extended ? HookResult.next() : HookResult.accept(Reply.of(250, "Hello " + heloName));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(hookModule(HeloHook.class, hook));
             SmtpTestClient client = server.greeted()) {
            assertThat(client.command("EHLO localhost").toString())
                    .isEqualTo("550 5.7.1 Say who you really are, not localhost");
            assertThat(client.command("MAIL FROM:<a@example.org>").toString())
                    .as("a refused greeting leaves the session ungreeted")
                    .isEqualTo("503 5.5.1 Bad sequence of commands");
            assertThat(client.command("HELO client.example").toString()).isEqualTo("250 Hello client.example");
            assertThat(client.command("MAIL FROM:<a@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
        }
    }

    @Test
    void unknownCommandHookSeesTheLineAndItsRefusalReplacesThe500() {
        List<String> seen = new CopyOnWriteArrayList<>();
        UnknownCommandHook hook = (session, line) -> {
            seen.add(line);
            return line.startsWith("XBLOCK") ? HookResult.reject(Reply.of(554, "5.7.1", "Not here: " + line))
                    : HookResult.next();
        };
        try (SmtpTestServer server = SmtpTestServer.start(hookModule(UnknownCommandHook.class, hook));
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command("XBLOCK me").toString()).isEqualTo("554 5.7.1 Not here: XBLOCK me");
            assertThat(client.command("XOTHER arg").toString()).isEqualTo("500 5.5.2 Syntax error, command unrecognized");
            assertThat(client.command("NOOP").toString()).startsWith("250 ");
            assertThat(client.command("RCPT TO:<ok@example.net>").toString())
                    .as("an unknown command leaves the transaction open").isEqualTo("250 2.1.5 Recipient OK");
            assertThat(seen).containsExactly("XBLOCK me", "XOTHER arg");
        }
    }

    @Test
    void mailHookDeferAnswersItsOwnTextAndDisconnectAnswersThenCloses() {
        MailHook hook = new MailHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
                String sender = reversePath.toString();
                if (sender.contains("busy")) {
                    return HookResult.defer(Reply.of(451, "4.7.1", "Sender " + sender + " is greylisted"));
                }
                if (sender.contains("bot")) {
                    return HookResult.disconnect(Reply.of(421, "4.7.0", "Go away, " + sender));
                }
                return HookResult.next();
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(hookModule(MailHook.class, hook));
             SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<busy@example.org>").toString())
                    .isEqualTo("451 4.7.1 Sender <busy@example.org> is greylisted");
            assertThat(client.command("MAIL FROM:<ok@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
            client.command("RSET");
            assertThat(client.command("MAIL FROM:<bot@example.org>").toString())
                    .isEqualTo("421 4.7.0 Go away, <bot@example.org>");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void disconnectHookRunsOnceAfterTheConnectionCloses() throws Exception {
        CompletableFuture<String> disconnected = new CompletableFuture<>();
        List<String> connected = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        AbstractModule module = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), ConnectHook.class).toInstance(new ConnectHook() {
                    @Override
                    public int order() {
                        return 0;
                    }

                    @Override
                    public HookResult onConnect(SessionView session) {
                        connected.add(session.id());
                        return HookResult.next();
                    }
                });
                SmtpBinder.hook(binder(), DisconnectHook.class).toInstance(new DisconnectHook() {
                    @Override
                    public int order() {
                        return 0;
                    }

                    @Override
                    public void onDisconnect(SessionView session) {
                        calls.incrementAndGet();
                        disconnected.complete(session.id() + " " + session.heloName().orElse("-"));
                    }
                });
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(module)) {
            try (SmtpTestClient client = server.afterEhlo()) {
                assertThat(disconnected).isNotDone();
                client.command("QUIT");
                assertThat(client.awaitClose()).isTrue();
            }
            assertThat(disconnected.get(5, TimeUnit.SECONDS)).isEqualTo(connected.get(0) + " client.example");
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void hooksRunByOrderThenClassName() {
        List<String> calls = new CopyOnWriteArrayList<>();
        AbstractModule module = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), ConnectHook.class).toInstance(new LateHook(calls));
                SmtpBinder.hook(binder(), ConnectHook.class).toInstance(new EarlyHook(calls));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(module); SmtpTestClient client = server.greeted()) {
            client.command("NOOP");
        }
        assertThat(calls).containsExactly("early", "late");
    }

    @Test
    void connectHookRefusalReplacesTheGreeting() {
        ConnectHook refuse = new ConnectHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onConnect(SessionView session) {
                return HookResult.reject(Reply.of(554, "5.7.1", "No SMTP service for you"));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(hookModule(ConnectHook.class, refuse));
             SmtpTestClient client = server.connect()) {
            assertThat(client.readReply().toString()).isEqualTo("554 5.7.1 No SMTP service for you");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    @Test
    void dataHookRefusesBefore354() {
        DataHook hook = new DataHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onData(SessionView session) {
                return HookResult.defer(Reply.of(451, "4.7.1", "Try again later"));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(hookModule(DataHook.class, hook));
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command("DATA").toString()).isEqualTo("451 4.7.1 Try again later");
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void messageHookRejectionDiscardsTheMessage() {
        MessageHook hook = new MessageHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onMessage(SessionView session, dev.pillarbox.smtp.plugins.api.Message message)
                    throws IOException {
                try (InputStream in = message.openContent()) {
                    String content = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    return content.contains("viagra")
                            ? HookResult.reject(Reply.of(550, "5.7.1", "Content rejected"))
                            : HookResult.next();
                }
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(hookModule(MessageHook.class, hook));
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("Subject: cheap viagra\r\n\r\nbuy\r\n").toString())
                    .isEqualTo("550 5.7.1 Content rejected");
            assertThat(server.store().messages()).isEmpty();
            assertThat(server.store().log()).containsExactly("open(<sender@example.org>, 1 rcpt)", "abort");
            client.command("MAIL FROM:<sender@example.org>");
            client.command("RCPT TO:<rcpt@example.net>");
            assertThat(client.data("Subject: hello\r\n\r\nhi\r\n").toString())
                    .isEqualTo("250 2.0.0 OK: queued as m1");
        }
    }

    @Test
    void hookExceptionAnswers421AndCloses() {
        RcptHook broken = new RcptHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
                throw new IllegalStateException("secret internal detail");
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(hookModule(RcptHook.class, broken));
             SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<sender@example.org>");
            assertThat(client.command("RCPT TO:<rcpt@example.net>").toString())
                    .isEqualTo("421 4.3.0 Internal error, closing connection");
            assertThat(client.awaitClose()).isTrue();
        }
    }

    static <T> AbstractModule hookModule(Class<T> stage, T hook) {
        return new AbstractModule() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            protected void configure() {
                SmtpBinder.hook(binder(), (Class) stage).toInstance(hook);
            }
        };
    }

    static final class EarlyHook implements ConnectHook {
        private final List<String> calls;

        EarlyHook(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public int order() {
            return 10;
        }

        @Override
        public HookResult onConnect(SessionView session) {
            calls.add("early");
            return HookResult.next();
        }
    }

    static final class LateHook implements ConnectHook {
        private final List<String> calls;

        LateHook(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public int order() {
            return 20;
        }

        @Override
        public HookResult onConnect(SessionView session) {
            calls.add("late");
            return HookResult.next();
        }
    }
}
