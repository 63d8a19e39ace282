package dev.pillarbox.server.reliability;

import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A {@link MessageStore} wrapper that behaves like a full disk while {@link #fill(Stage)} is in force: the chosen
 * step throws {@code IOException("No space left on device")}, as {@code ENOSPC} surfaces from a real file system.
 * Everything else goes to the wrapped store, so a Maildir underneath shows what a real failure leaves behind.
 */
final class FullDiskStore implements MessageStore {

    /** The step of a delivery that hits the full disk. */
    enum Stage {
        /** Creating the file in tmp/ (no inode left). */
        OPEN,
        /** Writing the body, after the trace header that fits the store's buffer (no block left). */
        WRITE,
        /** fsync and rename (delayed allocation fails at fsync). */
        COMMIT
    }

    private final MessageStore delegate;
    private volatile Stage full;

    FullDiskStore(MessageStore delegate) {
        this.delegate = delegate;
    }

    /** The disk is full at {@code stage} from now on. */
    void fill(Stage stage) {
        this.full = stage;
    }

    /** Space is back. */
    void free() {
        this.full = null;
    }

    private void check(Stage stage) throws IOException {
        if (full == stage) {
            throw new IOException("No space left on device");
        }
    }

    @Override
    public MessageWriter open(SessionView session, Envelope envelope) throws IOException {
        check(Stage.OPEN);
        MessageWriter writer = delegate.open(session, envelope);
        return new MessageWriter() {
            private int writes;

            @Override
            public void write(ByteBuffer bytes) throws IOException {
                if (++writes > 1) {
                    check(Stage.WRITE);
                }
                writer.write(bytes);
            }

            @Override
            public long size() {
                return writer.size();
            }

            @Override
            public InputStream openContent() throws IOException {
                return writer.openContent();
            }

            @Override
            public String commit() throws IOException {
                check(Stage.COMMIT);
                return writer.commit();
            }

            @Override
            public void abort() {
                writer.abort();
            }
        };
    }
}
