package dev.pillarbox.smtp.server;

import static dev.pillarbox.smtp.server.MessageHooks.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.AcceptedMessage;
import dev.pillarbox.smtp.plugins.api.AfterStoreHook;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.api.TransactionEnd;
import dev.pillarbox.smtp.plugins.api.TransactionEndedHook;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import dev.pillarbox.smtp.testing.RecordingMessageStore;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message hook discards a message (the client gets the hook's 250, no target keeps it, required or optional) and
 * changes its envelope (recipients added with their parameters and removed, a new reverse-path with MAIL
 * parameters): the later hooks, every delivery target and the after-store hooks see the changed envelope, the SMTP
 * transaction keeps the client's; hooks that remove every recipient discard the message, as Postfix does.
 */
class DiscardAndEnvelopeChangeTest {

    private static final String MESSAGE = "Subject: t\r\n\r\nhello\r\n";
    private static final Reply DISCARDED = Reply.of(250, "2.0.0", "OK: thrown away");

    private final RecordingMessageStore required = new RecordingMessageStore();
    private final RecordingMessageStore optional = new RecordingMessageStore();
    private final BlockingQueue<AcceptedMessage> stored = new LinkedBlockingQueue<>();
    private final BlockingQueue<TransactionEnd> ended = new LinkedBlockingQueue<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private static ForwardPath fwd(String path) {
        try {
            return ForwardPath.parse(path);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ReversePath rev(String path) {
        try {
            return ReversePath.parse(path);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static EsmtpParameters params(String words) {
        try {
            return EsmtpParameters.parse(words);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private SmtpTestServer start(MessageHook... hooks) {
        Module module = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.deliveryTarget(binder(), "first").toInstance(required);
                SmtpBinder.deliveryTarget(binder(), "extra").toInstance(optional);
                for (MessageHook hook : hooks) {
                    SmtpBinder.hook(binder(), MessageHook.class).toInstance(hook);
                }
                SmtpBinder.hook(binder(), AfterStoreHook.class).toInstance((session, accepted) -> stored.add(accepted));
                SmtpBinder.hook(binder(), TransactionEndedHook.class)
                        .toInstance((session, envelope, reason) -> ended.add(reason));
                ExtensionPoints.serverEvents(binder()).toInstance(new ServerEvents() {
                    @Override
                    public void message(int code, long octets) {
                        events.add("message " + code);
                    }

                    @Override
                    public void commit(String target, long nanos, boolean succeeded) {
                        events.add("commit " + target);
                    }
                });
            }
        };
        return SmtpTestServer.builder().modules(module).settings(s -> s.deliverTo(
                DeliveryTargetChoice.required("first"), DeliveryTargetChoice.optional("extra"))).start();
    }

    @Test
    void aDiscardedMessageIsAnsweredWithTheHooksReplyAndStoredNowhere() throws Exception {
        List<String> later = new CopyOnWriteArrayList<>();
        try (SmtpTestServer server = start(at(HookPosition.EARLY, (s, m) -> HookResult.discard(DISCARDED)),
                at(HookPosition.LATE, (s, m) -> {
                    later.add("ran");
                    return HookResult.next();
                }));
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data(MESSAGE)).isEqualTo(DISCARDED);
            assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo(TransactionEnd.DISCARDED);
            assertThat(required.messages()).isEmpty();
            assertThat(optional.messages()).isEmpty();
            assertThat(required.log()).anyMatch(line -> line.startsWith("abort"));
            assertThat(optional.log()).as("the optional target is aborted too").anyMatch(l -> l.startsWith("abort"));
            assertThat(later).as("the hooks after a discard do not run").isEmpty();
            assertThat(events).as("answered 250, nothing committed").containsExactly("message 250");
            assertThat(stored).isEmpty();
            // the session goes on
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data(MESSAGE)).isEqualTo(DISCARDED);
            assertThat(required.messages()).isEmpty();
        }
    }

    static Stream<Arguments> discardReplies() {
        return Stream.of(Arguments.of(Reply.of(250, "2.0.0", "OK"), true),
                Arguments.of(Reply.of(251, "2.1.5", "OK"), true),
                Arguments.of(Reply.of(354, "go on"), false),
                Arguments.of(Reply.of(451, "4.3.0", "later"), false),
                Arguments.of(Reply.of(550, "5.7.1", "no"), false));
    }

    @ParameterizedTest
    @MethodSource("discardReplies")
    void aDiscardTakesA2yzReplyOnly(Reply reply, boolean valid) {
        if (valid) {
            assertThat(HookResult.discard(reply).kind()).isEqualTo(HookResult.Kind.DISCARD);
            assertThat(HookResult.discard(reply).reply()).contains(reply);
        } else {
            assertThatThrownBy(() -> HookResult.discard(reply)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("discard needs a 2yz reply");
        }
    }

    @Test
    void aDiscardAtAnEnvelopeStageIsAPlainAccept() {
        Module rcpt = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), RcptHook.class).toInstance((RcptHook) (session, path, parameters) ->
                        HookResult.discard(DISCARDED));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.builder().modules(rcpt).start();
                SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.command("RCPT TO:<b@example.net>").code().value()).isEqualTo(250);
            assertThat(client.data(MESSAGE).code().value()).isEqualTo(250);
            assertThat(server.store().messages()).hasSize(1);
        }
    }

    @Test
    void envelopeChangesReachTheLaterHooksEveryTargetAndTheAfterStoreStage() throws Exception {
        List<Envelope> seen = new CopyOnWriteArrayList<>();
        MessageHook change = at(HookPosition.EARLY, (s, m) -> {
            m.addRecipient(new Recipient(fwd("<added@example.org>"),
                    params("NOTIFY=NEVER")));
            m.addRecipient(new Recipient(fwd("<ADDED@EXAMPLE.org>"), EsmtpParameters.empty()));
            assertThat(m.removeRecipient(fwd("<" + SmtpTestClient.RECIPIENT + ">"))).isTrue();
            assertThat(m.removeRecipient(fwd("<nobody@example.org>"))).isFalse();
            m.changeReversePath(rev("<new@example.org>"), params("SIZE=1234"));
            return HookResult.next();
        });
        MessageHook look = at(HookPosition.LATE, (s, m) -> {
            seen.add(m.envelope());
            seen.add(s.envelope());
            return HookResult.next();
        });
        try (SmtpTestServer server = start(change, look);
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data(MESSAGE).code().value()).isEqualTo(250);
            AcceptedMessage accepted = stored.poll(10, TimeUnit.SECONDS);
            assertThat(accepted).isNotNull();
            for (Envelope e : List.of(seen.get(0), required.messages().get(0).envelope(),
                    optional.messages().get(0).envelope(), accepted.envelope())) {
                assertThat(e.reversePath()).hasValue(rev("<new@example.org>"));
                assertThat(e.mailParameters()).isEqualTo(params("SIZE=1234"));
                assertThat(e.recipients()).as("the local part compares exactly: two recipients").containsExactly(
                        new Recipient(fwd("<added@example.org>"), params("NOTIFY=NEVER")),
                        new Recipient(fwd("<ADDED@EXAMPLE.org>"), EsmtpParameters.empty()));
            }
            assertThat(seen.get(1).recipients()).as("the SMTP transaction keeps the client's recipients")
                    .extracting(Recipient::toString).containsExactly("<" + SmtpTestClient.RECIPIENT + ">");
            assertThat(required.messages().get(0).body()).isEqualTo(MESSAGE);
            assertThat(optional.messages()).hasSize(1);
        }
    }

    @Test
    void aRecipientAlreadyThereIsNotAddedTwiceAndTheDomainComparesWithoutCase() throws Exception {
        MessageHook change = at(HookPosition.NORMAL, (s, m) -> {
            m.addRecipient(new Recipient(fwd("<rcpt@EXAMPLE.NET>"), EsmtpParameters.empty()));
            return HookResult.next();
        });
        try (SmtpTestServer server = start(change);
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data(MESSAGE).code().value()).isEqualTo(250);
            assertThat(required.messages().get(0).envelope().recipients()).extracting(Recipient::toString)
                    .containsExactly("<" + SmtpTestClient.RECIPIENT + ">");
            assertThat(required.log()).as("no envelope change, no rewrite").noneMatch(l -> l.startsWith("abort"));
        }
    }

    @Test
    void hooksThatRemoveEveryRecipientDiscardTheMessage() throws Exception {
        MessageHook remove = at(HookPosition.NORMAL, (s, m) -> {
            m.removeRecipient(fwd("<" + SmtpTestClient.RECIPIENT + ">"));
            return HookResult.next();
        });
        try (SmtpTestServer server = start(remove);
                SmtpTestClient client = server.inTransaction()) {
            Reply reply = client.data(MESSAGE);
            assertThat(reply.code().value()).isEqualTo(250);
            assertThat(reply.lines().get(0)).startsWith("OK: queued as ");
            assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo(TransactionEnd.DISCARDED);
            assertThat(required.messages()).isEmpty();
            assertThat(optional.messages()).isEmpty();
            assertThat(stored).isEmpty();
        }
    }
}
