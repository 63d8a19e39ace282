package dev.pillarbox.server.maildir;

import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts every message and keeps nothing, like Postfix's {@code discard} transport: for benchmarks that
 * measure the protocol path without a disk. It counts messages and octets.
 *
 * <p>Because nothing is kept, {@link MessageWriter#openContent()} returns an <em>empty</em> stream: with this
 * store, message hooks that read content (spam or virus checks) see an empty message, while
 * {@link MessageWriter#size()} still reports the octets received. Keeping a copy, even a bounded one, would
 * measure memory traffic the benchmark is meant to leave out. Use {@link MaildirStore} when hooks need the
 * content.
 */
public final class DiscardStore implements MessageStore {

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong octets = new AtomicLong();

    /** A store that has discarded nothing yet. */
    @Inject
    public DiscardStore() {
    }

    @Override
    public MessageWriter open(SessionView session, Envelope envelope) {
        return new Writer();
    }

    /** Messages committed (and discarded) so far. */
    public long messages() {
        return messages.get();
    }

    /** Octets of committed messages so far. */
    public long octets() {
        return octets.get();
    }

    @Override
    public String toString() {
        return "discard";
    }

    private final class Writer implements MessageWriter {

        private long size;

        @Override
        public void write(ByteBuffer bytes) {
            size += bytes.remaining();
            bytes.position(bytes.limit());
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream openContent() {
            return InputStream.nullInputStream();
        }

        @Override
        public String commit() {
            octets.addAndGet(size);
            return "discarded-" + messages.incrementAndGet();
        }

        @Override
        public void abort() {
            size = 0;
        }
    }
}
