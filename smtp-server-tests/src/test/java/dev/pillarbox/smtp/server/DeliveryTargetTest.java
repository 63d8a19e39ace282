package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.AcceptedMessage;
import dev.pillarbox.smtp.plugins.api.AfterStoreHook;
import dev.pillarbox.smtp.plugins.api.DeliveryTarget;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.api.TransactionEnd;
import dev.pillarbox.smtp.plugins.api.TransactionEndedHook;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import dev.pillarbox.smtp.testing.RecordingMessageStore;
import dev.pillarbox.smtp.testing.RecordingMessageStore.Failure;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Delivery targets over real sockets: several targets picked by name, required and optional; the 250 only after
 * every required target committed; an optional target's failure logged and counted, not answered; the after-store
 * stage with the queue id, the final envelope and the reply sent; the transaction-ended stage with its reasons;
 * readiness; and the start-up errors of a bad choice.
 */
class DeliveryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingMessageStore a = new RecordingMessageStore();
    private final RecordingMessageStore b = new RecordingMessageStore();
    private final RecordingMessageStore c = new RecordingMessageStore();
    private final BlockingQueue<AcceptedMessage> stored = new LinkedBlockingQueue<>();
    private final BlockingQueue<TransactionEnd> ended = new LinkedBlockingQueue<>();
    private final List<String> commits = new CopyOnWriteArrayList<>();

    private Module targets() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.deliveryTarget(binder(), "first").toInstance(a);
                SmtpBinder.deliveryTarget(binder(), "second").toInstance(b);
                SmtpBinder.deliveryTarget(binder(), "extra").toInstance(c);
                SmtpBinder.hook(binder(), AfterStoreHook.class).toInstance((session, accepted) -> stored.add(accepted));
                SmtpBinder.hook(binder(), TransactionEndedHook.class)
                        .toInstance((session, envelope, reason) -> ended.add(reason));
                ExtensionPoints.serverEvents(binder()).toInstance(new ServerEvents() {
                    @Override
                    public void commit(String target, long nanos, boolean succeeded) {
                        commits.add(target + (succeeded ? " ok" : " failed"));
                    }
                });
            }
        };
    }

    private SmtpTestServer start(DeliveryTargetChoice... choices) {
        return SmtpTestServer.builder().settings(s -> s.deliverTo(choices)).modules(targets()).start();
    }

    @Test
    void everyPickedTargetGetsTheMessageAndThe250NamesTheFirstRequiredOne() throws Exception {
        try (SmtpTestServer server = start(DeliveryTargetChoice.required("first"),
                DeliveryTargetChoice.required("second"), DeliveryTargetChoice.optional("extra"));
                SmtpTestClient client = server.inTransaction()) {
            Reply reply = client.data("Subject: t\r\n\r\nhello\r\n");
            assertThat(reply.code().value()).isEqualTo(250);
            AcceptedMessage accepted = stored.poll(10, TimeUnit.SECONDS);
            assertThat(accepted).isNotNull();
            assertThat(accepted.queueId()).isEqualTo(a.messages().get(0).id());
            assertThat(reply.lines().get(0)).contains(accepted.queueId());
            assertThat(accepted.replies()).containsExactly(reply);
            assertThat(accepted.targets()).containsExactly("first", "second", "extra");
            assertThat(accepted.envelope().recipients()).hasToString("[<" + SmtpTestClient.RECIPIENT + ">]");
            for (RecordingMessageStore target : List.of(a, b, c)) {
                assertThat(target.messages()).hasSize(1);
                assertThat(target.messages().get(0).body()).isEqualTo("Subject: t\r\n\r\nhello\r\n");
            }
            assertThat(accepted.octets()).isEqualTo(a.messages().get(0).content().length);
            assertThat(commits).containsExactly("first ok", "second ok", "extra ok");
            assertThat(server.server().deliveryTargets())
                    .containsExactly(Map.entry("first", true), Map.entry("second", true), Map.entry("extra", false));
            assertThat(ended).isEmpty();
        }
    }

    @Test
    void aRequiredTargetThatFailsMeans451AndNoAfterStore() throws Exception {
        b.failAt(Failure.COMMIT);
        try (SmtpTestServer server = start(DeliveryTargetChoice.required("first"),
                DeliveryTargetChoice.required("second"), DeliveryTargetChoice.optional("extra"));
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("Subject: t\r\n\r\nhello\r\n").code().value()).isEqualTo(451);
            assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo(TransactionEnd.REJECTED);
            assertThat(b.messages()).isEmpty();
            assertThat(c.messages()).as("the optional target is aborted with the message").isEmpty();
            assertThat(c.log()).anyMatch(line -> line.startsWith("abort"));
            assertThat(commits).containsExactly("first ok", "second failed");
            assertThat(stored).isEmpty();
        }
    }

    @Test
    void anOptionalTargetThatFailsIsLoggedNotAnswered() throws Exception {
        c.failAt(Failure.COMMIT);
        try (SmtpTestServer server = start(DeliveryTargetChoice.required("first"),
                DeliveryTargetChoice.optional("extra"));
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("Subject: t\r\n\r\nhello\r\n").code().value()).isEqualTo(250);
            AcceptedMessage accepted = stored.poll(10, TimeUnit.SECONDS);
            assertThat(accepted.targets()).containsExactly("first");
            assertThat(commits).containsExactly("first ok", "extra failed");
        }
    }

    @Test
    void anOptionalTargetThatCannotOpenIsLeftOut() throws Exception {
        c.failAt(Failure.OPEN);
        try (SmtpTestServer server = start(DeliveryTargetChoice.required("first"),
                DeliveryTargetChoice.optional("extra"));
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("Subject: t\r\n\r\nhello\r\n").code().value()).isEqualTo(250);
            assertThat(stored.poll(10, TimeUnit.SECONDS).targets()).containsExactly("first");
            assertThat(a.messages()).hasSize(1);
        }
    }

    @Test
    void anOptionalTargetThatFailsWhileWritingIsDroppedAndTheRequiredOneGoesOn() throws Exception {
        c.failAt(Failure.WRITE);
        try (SmtpTestServer server = start(DeliveryTargetChoice.required("first"),
                DeliveryTargetChoice.optional("extra"));
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("Subject: t\r\n\r\nhello\r\n").code().value()).isEqualTo(250);
            assertThat(stored.poll(10, TimeUnit.SECONDS).targets()).containsExactly("first");
            assertThat(a.messages().get(0).body()).isEqualTo("Subject: t\r\n\r\nhello\r\n");
            assertThat(c.messages()).isEmpty();
        }
    }

    @Test
    void theAfterStoreStageRunsAfterTheReplyAndItsFailureDoesNotChangeIt() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Module failing = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), AfterStoreHook.class).toInstance((session, accepted) -> {
                    order.add("after-store " + accepted.queueId());
                    throw new IllegalStateException("the notifier is down");
                });
            }
        };
        try (SmtpTestServer server = SmtpTestServer.builder().modules(failing).start();
                SmtpTestClient client = server.inTransaction()) {
            Reply reply = client.data("Subject: t\r\n\r\nhello\r\n");
            assertThat(reply.code().value()).isEqualTo(250);
            assertThat(client.command("NOOP").code().value()).as("the session goes on").isEqualTo(250);
            assertThat(order).containsExactly("after-store " + server.store().messages().get(0).id());
        }
    }

    @Test
    void theTransactionEndedStageSaysWhy() throws Exception {
        Module refusing = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), MessageHook.class).toInstance(new MessageHook() {
                    @Override
                    public HookResult onMessage(SessionView session, Message message) {
                        return HookResult.reject(Reply.of(554, "5.7.1", "No"));
                    }
                });
            }
        };
        try (SmtpTestServer server = SmtpTestServer.builder().modules(targets(), refusing)
                .settings(s -> s.deliverTo(DeliveryTargetChoice.required("first"))).start()) {
            try (SmtpTestClient client = server.inTransaction()) {
                client.command("RSET");
                assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo(TransactionEnd.RESET);
                client.command("MAIL FROM:<a@example.org>");
                client.command("RCPT TO:<b@example.net>");
                assertThat(client.data("Subject: t\r\n\r\nhello\r\n").code().value()).isEqualTo(554);
                assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo(TransactionEnd.REJECTED);
                client.command("MAIL FROM:<a@example.org>");
                client.command("QUIT");
                assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo(TransactionEnd.DISCONNECTED);
            }
            try (SmtpTestClient client = server.inTransaction()) {
                client.command("DATA");
                client.sendRaw("Subject: half a message\r\n");
            }
            assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo(TransactionEnd.ABORTED);
            try (SmtpTestClient client = server.afterEhlo()) {
                client.command("RSET");
                client.command("QUIT");
            }
            assertThat(ended.poll(1, TimeUnit.SECONDS)).as("no transaction, nothing ended").isNull();
            assertThat(a.messages()).isEmpty();
        }
    }

    @Test
    void readinessAsksTheRequiredTargets() {
        DeliveryTarget down = new DeliveryTarget() {
            @Override
            public MessageWriter open(SessionView session, Envelope envelope) throws IOException {
                throw new IOException("down");
            }

            @Override
            public boolean ready() {
                return false;
            }
        };
        Module module = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.deliveryTarget(binder(), "down").toInstance(down);
            }
        };
        try (SmtpTestServer server = SmtpTestServer.builder().modules(module).settings(s -> s.deliverTo(
                DeliveryTargetChoice.required("store"), DeliveryTargetChoice.optional("down"))).start()) {
            assertThat(server.server().deliveryTargetsNotReady()).as("an optional target is not asked").isEmpty();
        }
        try (SmtpTestServer server = SmtpTestServer.builder().modules(module).settings(s -> s.deliverTo(
                DeliveryTargetChoice.required("store"), DeliveryTargetChoice.required("down"))).start()) {
            assertThat(server.server().deliveryTargetsNotReady()).containsExactly("down");
        }
    }

    @Test
    void aBadChoiceIsAStartUpErrorThatSaysWhat() {
        assertThatThrownBy(() -> start(DeliveryTargetChoice.required("nowhere")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown delivery target \"nowhere\"")
                .hasMessageContaining("extra, first, second, store");
        assertThatThrownBy(() -> start(DeliveryTargetChoice.optional("first")))
                .hasMessageContaining("no required delivery target");
        assertThatThrownBy(() -> start(DeliveryTargetChoice.required("first"), DeliveryTargetChoice.optional("first")))
                .hasMessageContaining("picked twice");
        assertThatThrownBy(() -> start())
                .hasMessageContaining("several delivery targets are provided (extra, first, second, store)");
        assertThatThrownBy(() -> DeliveryTargetChoice.required("Bad Name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case letters");
    }
}
