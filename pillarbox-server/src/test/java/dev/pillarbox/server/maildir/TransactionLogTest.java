package dev.pillarbox.server.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.slf4j.LoggerFactory;

class TransactionLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("test.transactions");
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong();
    private SessionView session;
    private Envelope envelope;

    @BeforeEach
    void setUp() throws Exception {
        logger.setLevel(Level.INFO);
        events.start();
        logger.addAppender(events);
        session = Mockito.mock(SessionView.class);
        Mockito.when(session.remoteAddress()).thenReturn(new InetSocketAddress("192.0.2.7", 40000));
        Mockito.when(session.heloName()).thenReturn(Optional.of("client.example"));
        envelope = Envelope.of(ReversePath.parse("<a@example.org>"), EsmtpParameters.empty())
                .withRecipient(new Recipient(ForwardPath.parse("<b@example.net>"), EsmtpParameters.empty()))
                .withRecipient(new Recipient(ForwardPath.parse("<c@example.net>"), EsmtpParameters.empty()));
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(events);
    }

    private MessageStore log(MessageStore store) {
        return TransactionLog.around(store, nanos::get, logger);
    }

    private String onlyLine() {
        assertThat(events.list).hasSize(1);
        return events.list.get(0).getFormattedMessage();
    }

    @Test
    void storedMessageIsLoggedOnceWithItsIdAndDuration() throws Exception {
        MessageWriter writer = log(new DiscardStore()).open(session, envelope);
        writer.write(ByteBuffer.wrap(new byte[42]));
        nanos.set(7_000_000);
        assertThat(writer.commit()).isEqualTo("discarded-1");
        writer.abort(); // the server's finally block: no second line
        assertThat(onlyLine()).isEqualTo("client=192.0.2.7:40000 helo=client.example from=<a@example.org> "
                + "rcpt=<b@example.net>,<c@example.net> size=42 id=discarded-1 result=stored duration=7ms");
    }

    @Test
    void messageDroppedBeforeCommitIsLoggedAsNotStored() throws Exception {
        MessageWriter writer = log(new DiscardStore()).open(session, envelope);
        writer.abort();
        assertThat(onlyLine()).endsWith(" size=0 id=- result=not-stored duration=0ms");
    }

    @Test
    void aMessageAHookChangedIsOneLineFromTheWriterThatStoredIt() throws Exception {
        MessageStore store = log(new DiscardStore());
        MessageWriter first = store.open(session, envelope);
        first.write(ByteBuffer.wrap(new byte[42]));
        // the hook removed a recipient: the server opens a writer for the changed message, then drops the first
        Envelope changed = Envelope.of(ReversePath.parse("<a@example.org>"), EsmtpParameters.empty())
                .withRecipient(new Recipient(ForwardPath.parse("<b@example.net>"), EsmtpParameters.empty()));
        MessageWriter second = store.open(session, changed);
        second.write(ByteBuffer.wrap(new byte[50]));
        nanos.set(2_000_000);
        assertThat(second.commit()).isEqualTo("discarded-1");
        first.abort();
        assertThat(onlyLine()).isEqualTo("client=192.0.2.7:40000 helo=client.example from=<a@example.org> "
                + "rcpt=<b@example.net> size=50 id=discarded-1 result=stored duration=2ms");
        // the session's next message is logged as usual
        store.open(session, envelope).abort();
        assertThat(events.list).hasSize(2);
        assertThat(events.list.get(1).getFormattedMessage()).endsWith(" size=0 id=- result=not-stored duration=0ms");
    }

    @Test
    void aChangedMessageThatWasNotStoredAfterAllIsOneNotStoredLine() throws Exception {
        MessageStore store = log(new DiscardStore());
        MessageWriter first = store.open(session, envelope);
        MessageWriter second = store.open(session, envelope);
        second.abort(); // taking the changed message failed: the client gets 451
        first.abort();
        assertThat(onlyLine()).endsWith(" result=not-stored duration=0ms");
    }

    @Test
    void failedCommitIsLoggedWithTheException() throws Exception {
        MessageStore failing = (s, e) -> new MessageWriter() {
            @Override
            public void write(ByteBuffer bytes) {
                bytes.position(bytes.limit());
            }

            @Override
            public long size() {
                return 3;
            }

            @Override
            public java.io.InputStream openContent() {
                return java.io.InputStream.nullInputStream();
            }

            @Override
            public String commit() throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void abort() {
                // nothing was kept, nothing to remove
            }
        };
        MessageWriter writer = log(failing).open(session, envelope);
        assertThatThrownBy(writer::commit).isInstanceOf(IOException.class);
        writer.abort();
        assertThat(onlyLine()).endsWith(" size=3 id=- result=failed (java.io.IOException: No space left on device) "
                + "duration=0ms");
    }
}
