package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.AttributeKey;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.HeaderField;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.testing.RecordingMessageStore;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Message hooks change the message over a real socket: header fields added, inserted, changed and removed, the body
 * replaced; later hooks and the store see the changes; the trace {@code Received:} stays first; bad names and values
 * are refused at the edge. And the state hooks keep: transaction attributes (cleared by RSET, a new MAIL and the end
 * of a message) and session attributes set from hooks.
 */
class MessageChangeTest {

    private static final String MESSAGE = "From: a@example.org\r\nSubject: hello\r\nX-Old: 1\r\n"
            + "Received: from elsewhere\r\nX-Long: a\r\n continued\r\n\r\nbody line\r\n";

    private static Module hooks(MessageHook... hooks) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                for (MessageHook hook : hooks) {
                    SmtpBinder.hook(binder(), MessageHook.class).toInstance(hook);
                }
            }
        };
    }

    /** A message hook at {@code position} that runs {@code change}. */
    private static MessageHook at(HookPosition position, Change change) {
        return MessageHooks.at(position, (session, message) -> {
            change.apply(message);
            return HookResult.next();
        });
    }

    @FunctionalInterface
    interface Change {
        void apply(Message message) throws IOException;
    }

    private static String stored(SmtpTestServer server) {
        return server.store().messages().get(0).contentAsString();
    }

    @Test
    void headerEditsReachTheStoreWithTheTraceFieldFirst() {
        List<String> seenByLater = new CopyOnWriteArrayList<>();
        MessageHook edit = at(HookPosition.EARLY, m -> {
            m.addHeader("X-Added", "yes");
            m.insertHeader(0, "X-First", "top");
            m.changeHeader("subject", 1, "changed");
            m.removeHeader("X-Old", 1);
            m.changeHeader("X-Long", 1, "short");
        });
        MessageHook later = at(HookPosition.LATE, m -> {
            for (HeaderField f : m.headerFields()) {
                seenByLater.add(f.toString());
            }
            try (InputStream in = m.openContent()) {
                seenByLater.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        try (SmtpTestServer server = SmtpTestServer.builder().modules(hooks(edit, later)).start();
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data(MESSAGE).code().value()).isEqualTo(250);
            String stored = stored(server);
            String received = server.store().messages().get(0).receivedHeader();
            assertThat(stored).startsWith(received);
            assertThat(stored.substring(received.length())).isEqualTo("X-First: top\r\nFrom: a@example.org\r\n"
                    + "Subject: changed\r\nReceived: from elsewhere\r\nX-Long: short\r\nX-Added: yes\r\n\r\n"
                    + "body line\r\n");
            assertThat(seenByLater.subList(0, 6)).containsExactly("X-First: top", "From: a@example.org",
                    "Subject: changed", "Received: from elsewhere", "X-Long: short", "X-Added: yes");
            assertThat(seenByLater.get(6)).isEqualTo(stored);
        }
    }

    @Test
    void aBodyReplacementStreamsIntoTheStoreAndKeepsTheEditedHeader() {
        MessageHook replace = at(HookPosition.NORMAL, m -> {
            m.addHeader("X-Scanned", "clean");
            m.replaceBody(new ByteArrayInputStream("new body\r\n".getBytes(StandardCharsets.US_ASCII)));
            m.addHeader("X-After", "the replacement"); // an edit after the replacement is kept too
        });
        try (SmtpTestServer server = SmtpTestServer.builder().modules(hooks(replace)).start();
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data(MESSAGE).code().value()).isEqualTo(250);
            RecordingMessageStore.StoredMessage stored = server.store().messages().get(0);
            assertThat(stored.body()).isEqualTo("From: a@example.org\r\nSubject: hello\r\nX-Old: 1\r\n"
                    + "Received: from elsewhere\r\nX-Long: a\r\n continued\r\nX-Scanned: clean\r\n"
                    + "X-After: the replacement\r\n\r\nnew body\r\n");
            assertThat(server.store().messages()).hasSize(1);
            assertThat(server.store().log()).as("the writers replaced by the body and by the header edit are aborted")
                    .filteredOn(line -> line.startsWith("abort")).hasSize(2);
        }
    }

    @Test
    void aLongValueIsFoldedAndAMessageWithoutHeaderGetsOne() {
        String words = "word ".repeat(30).strip();
        MessageHook fold = at(HookPosition.NORMAL, m -> m.addHeader("X-Words", words));
        try (SmtpTestServer server = SmtpTestServer.builder().modules(hooks(fold)).start();
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("no header here\r\n").code().value()).isEqualTo(250);
            String body = server.store().messages().get(0).body();
            String field = body.substring(0, body.indexOf("\r\n\r\n") + 2);
            assertThat(field.split("\r\n")).allMatch(line -> line.length() <= 78).hasSizeGreaterThan(1);
            assertThat(field.replace("\r\n", "")).isEqualTo("X-Words: " + words);
            assertThat(body).endsWith("\r\n\r\nno header here\r\n");
        }
    }

    @Test
    void badNamesAndValuesAreRefusedAtTheEdge() {
        assertThatThrownBy(() -> HeaderField.of("X-Evil", "a\r\nBcc: victim@example.net"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> HeaderField.of("X Evil", "a")).hasMessageContaining("RFC 5322 2.2");
        assertThatThrownBy(() -> HeaderField.of("X:Evil", "a")).hasMessageContaining("other than ':'");
        assertThatThrownBy(() -> HeaderField.of("", "a")).hasMessageContaining("1 to 76");
        assertThatThrownBy(() -> HeaderField.of("X-Nul", "a\0b")).hasMessageContaining("control character 0x0");
        assertThat(new String(HeaderField.of("X-Utf8", "grüße").render(), StandardCharsets.UTF_8))
                .isEqualTo("X-Utf8: grüße\r\n");
        List<String> errors = new CopyOnWriteArrayList<>();
        MessageHook injecting = at(HookPosition.NORMAL, m -> {
            try {
                m.addHeader("X-Evil", "a\r\n.\r\nMAIL FROM:<x@example.org>");
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
            try {
                m.changeHeader("Subject", 2, "no second one");
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
            try {
                m.insertHeader(99, "X-Far", "away");
            } catch (IndexOutOfBoundsException e) {
                errors.add(e.getMessage());
            }
        });
        try (SmtpTestServer server = SmtpTestServer.builder().modules(hooks(injecting)).start();
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data(MESSAGE).code().value()).isEqualTo(250);
            assertThat(errors).containsExactly(
                    "the value of header field X-Evil has a CR or LF: give it unfolded, the server folds it",
                    "the message has no Subject field number 2", "header field position 99 is not within 0..5");
            assertThat(server.store().messages().get(0).body()).isEqualTo(MESSAGE);
        }
    }

    @Test
    void aHookThatThrowsOnABadEditIsAnsweredLikeAnyBug() {
        MessageHook bad = at(HookPosition.NORMAL, m -> m.addHeader("X-Evil", "a\nb"));
        try (SmtpTestServer server = SmtpTestServer.builder().modules(hooks(bad)).start();
                SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data(MESSAGE).code().value()).isEqualTo(421);
            assertThat(server.store().messages()).isEmpty();
        }
    }

    private static final AttributeKey<String> FROM_MAIL = AttributeKey.of("test.from-mail", String.class);
    private static final AttributeKey<Integer> RCPTS = AttributeKey.of("test.rcpts", Integer.class);
    private static final AttributeKey<Integer> MESSAGES = AttributeKey.of("test.messages", Integer.class);

    @Test
    void transactionAttributesLiveAsLongAsTheTransactionAndSessionAttributesAsTheSession() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Module module = new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), MailHook.class).toInstance(new MailHook() {
                    @Override
                    public HookResult onMail(SessionView session, dev.pillarbox.smtp.core.ReversePath from,
                            dev.pillarbox.smtp.core.EsmtpParameters parameters) {
                        seen.add("mail sees " + session.transactionAttribute(RCPTS));
                        session.transactionAttribute(FROM_MAIL, from.toString());
                        return from.toString().contains("refused")
                                ? HookResult.reject(Reply.of(550, "5.7.1", "No")) : HookResult.next();
                    }
                });
                SmtpBinder.hook(binder(), RcptHook.class).toInstance((session, to, parameters) -> {
                    session.transactionAttribute(RCPTS, session.transactionAttribute(RCPTS).orElse(0) + 1);
                    return HookResult.next();
                });
                SmtpBinder.hook(binder(), DataHook.class).toInstance(session -> {
                    seen.add("data sees " + session.transactionAttribute(FROM_MAIL).orElse("-") + " "
                            + session.transactionAttribute(RCPTS).orElse(0));
                    return HookResult.next();
                });
                SmtpBinder.hook(binder(), MessageHook.class).toInstance((session, message) -> {
                    session.attribute(MESSAGES, session.attribute(MESSAGES).orElse(0) + 1);
                    return HookResult.next();
                });
                SmtpBinder.hook(binder(), dev.pillarbox.smtp.plugins.api.AfterStoreHook.class)
                        .toInstance((session, accepted) -> seen.add("after store sees "
                                + session.transactionAttribute(RCPTS).orElse(0) + " session "
                                + session.attribute(MESSAGES).orElse(0)));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.builder().modules(module).start();
                SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<refused@example.org>").code().value()).isEqualTo(550);
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<b@example.net>");
            client.command("RCPT TO:<c@example.net>");
            client.command("RSET");
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data("Subject: 1\r\n\r\nx\r\n").code().value()).isEqualTo(250);
            client.command("MAIL FROM:<d@example.org>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data("Subject: 2\r\n\r\nx\r\n").code().value()).isEqualTo(250);
            client.command("NOOP"); // the after-store stage runs after the 250 is sent, before the next command
            assertThat(seen).containsExactly("mail sees Optional.empty", "mail sees Optional.empty",
                    "mail sees Optional.empty", "data sees <a@example.org> 1", "after store sees 1 session 1",
                    "mail sees Optional.empty", "data sees <d@example.org> 1", "after store sees 1 session 2");
        }
    }

    @Test
    void aKeyOfTheWrongTypeSaysWhichKey() {
        AttributeKey<String> stringKey = AttributeKey.of("test.key", String.class);
        @SuppressWarnings({"unchecked", "rawtypes"})
        AttributeKey<Object> raw = (AttributeKey) stringKey;
        assertThatThrownBy(() -> raw.cast(42)).isInstanceOf(ClassCastException.class)
                .hasMessageContaining("test.key");
    }
}
