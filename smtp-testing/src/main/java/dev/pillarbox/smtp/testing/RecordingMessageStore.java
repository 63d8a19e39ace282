package dev.pillarbox.smtp.testing;

import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * An in-memory {@link MessageStore} for tests: it records every committed message with its envelope and exact
 * bytes, keeps a call log ({@code open(<a@example.org>, 1 rcpt)}, {@code commit m1}, {@code abort}), and can be
 * told to fail, to test the server's {@code 451 4.3.0} path. Thread-safe; ids are {@code m1}, {@code m2}, ...
 *
 * <pre>{@code
 * RecordingMessageStore store = server.store();
 * assertThat(store.messages()).hasSize(1);
 * assertThat(store.messages().get(0).body()).isEqualTo("Subject: hi\r\n\r\nHello\r\n");
 * assertThat(store.log()).containsExactly("open(<a@example.org>, 1 rcpt)", "commit m1");
 * }</pre>
 */
public final class RecordingMessageStore implements MessageStore {

    /** Where the store fails when told to. */
    public enum Failure {
        /** Never. */
        NONE,
        /** {@link MessageStore#open} throws. */
        OPEN,
        /** {@link MessageWriter#write} throws for the body (after the trace header). */
        WRITE,
        /** {@link MessageWriter#commit} throws. */
        COMMIT
    }

    /**
     * A committed message.
     *
     * @param id the id the store gave it
     * @param envelope its envelope
     * @param content its exact bytes: the server's {@code Received:} header, then the body as received
     */
    public record StoredMessage(String id, Envelope envelope, byte[] content) {

        /** The content as UTF-8 text. */
        public String contentAsString() {
            return new String(content, StandardCharsets.UTF_8);
        }

        /** The body without the server's leading {@code Received:} header (and its folded lines). */
        public byte[] bodyBytes() {
            return java.util.Arrays.copyOfRange(content, traceHeaderLength(content), content.length);
        }

        /** {@link #bodyBytes()} as UTF-8 text. */
        public String body() {
            return new String(bodyBytes(), StandardCharsets.UTF_8);
        }

        /** The server's {@code Received:} header with its folding, as text. */
        public String receivedHeader() {
            return new String(content, 0, traceHeaderLength(content), StandardCharsets.UTF_8);
        }

        private static int traceHeaderLength(byte[] content) {
            int i = 0;
            while (i + 1 < content.length) {
                if (content[i] == '\r' && content[i + 1] == '\n') {
                    if (i + 2 >= content.length || (content[i + 2] != ' ' && content[i + 2] != '\t')) {
                        return i + 2;
                    }
                }
                i++;
            }
            return content.length;
        }
    }

    private final List<StoredMessage> messages = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private Failure failure = Failure.NONE;
    private int counter;

    /** An empty store that commits every message. */
    public RecordingMessageStore() {
    }

    /** Makes the store fail at {@code where} from now on ({@link Failure#NONE} to heal it). */
    public synchronized RecordingMessageStore failAt(Failure where) {
        this.failure = where;
        return this;
    }

    /** Forgets the messages and the call log and heals an injected failure (between the tests of one server). */
    public synchronized RecordingMessageStore clear() {
        messages.clear();
        log.clear();
        failure = Failure.NONE;
        return this;
    }

    /** The committed messages, oldest first. */
    public synchronized List<StoredMessage> messages() {
        return List.copyOf(messages);
    }

    /** The call log, oldest first. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    /**
     * Waits until at least {@code count} messages are committed. The server commits before it answers 250, so a
     * test that read the 250 needs no wait; this is for clients such as Jakarta Mail that return earlier.
     */
    public synchronized List<StoredMessage> awaitMessages(int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("expected " + count + " message(s), have " + messages.size());
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(messages);
    }

    /** Waits until the call log has {@code entry}, e.g. {@code "abort"} after a client dropped mid-body. */
    public synchronized List<String> awaitLog(String entry, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log.contains(entry)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("store log never got \"" + entry + "\": " + log);
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(log);
    }

    private void logged(String entry) {
        log.add(entry);
        notifyAll();
    }

    @Override
    public synchronized MessageWriter open(SessionView session, Envelope envelope) throws IOException {
        logged("open(" + envelope.reversePath().map(Object::toString).orElse("?") + ", "
                + envelope.recipients().size() + " rcpt)");
        if (failure == Failure.OPEN) {
            throw new IOException("store is failing (test)");
        }
        return new Writer(envelope);
    }

    private synchronized String commit(Envelope envelope, byte[] content) throws IOException {
        if (failure == Failure.COMMIT) {
            logged("commit failed");
            throw new IOException("commit is failing (test)");
        }
        String id = "m" + (++counter);
        messages.add(new StoredMessage(id, envelope, content));
        logged("commit " + id);
        return id;
    }

    private synchronized void aborted() {
        logged("abort");
    }

    private synchronized Failure failure() {
        return failure;
    }

    private final class Writer implements MessageWriter {
        private final Envelope envelope;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean done;
        private int writes;

        Writer(Envelope envelope) {
            this.envelope = envelope;
        }

        @Override
        public void write(ByteBuffer data) throws IOException {
            if (done) {
                throw new IllegalStateException("write after commit or abort");
            }
            if (++writes > 1 && failure() == Failure.WRITE) {
                throw new IOException("disk full (test)");
            }
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            bytes.write(chunk);
        }

        @Override
        public long size() {
            return bytes.size();
        }

        @Override
        public InputStream openContent() {
            return new ByteArrayInputStream(bytes.toByteArray());
        }

        @Override
        public String commit() throws IOException {
            if (done) {
                throw new IllegalStateException("commit after commit or abort");
            }
            String id = RecordingMessageStore.this.commit(envelope, bytes.toByteArray());
            done = true;
            return id;
        }

        @Override
        public void abort() {
            if (!done) {
                done = true;
                aborted();
            }
        }
    }
}
