package dev.pillarbox.server.maildir;

import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores each message as one file in a Maildir (cr.yp.to/proto/maildir.html), durably before the server
 * answers 250: the body is streamed to {@code tmp/<unique>}; {@link MessageWriter#commit()} forces the file to
 * disk, renames it atomically into {@code new/<unique>} and forces the {@code new/} directory, so that both
 * the content and the directory entry survive a crash. Only then does it return the id, and only then may
 * the server answer 250.
 *
 * <p>Messages are streamed through a small buffer, never held whole in memory. There is no store-wide lock:
 * each message forces its own file (a journaling file system batches concurrent commits), and
 * concurrent renames into {@code new/} share one directory fsync ({@link DirectorySync}). Any write
 * failure (disk full, permissions) surfaces as an {@link IOException}, which the server answers with
 * {@code 451 4.3.0}.
 */
public final class MaildirStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(MaildirStore.class);
    private static final int BUFFER_SIZE = 32 * 1024;
    // a message's buffer starts here and doubles up to BUFFER_SIZE: a small message (one file write either way)
    // does not allocate and zero 32 KiB, which at thousands of messages per second is mostly GC work
    private static final int INITIAL_BUFFER_SIZE = 4 * 1024;
    private static final boolean DIRECTORIES_CAN_BE_FORCED =
            !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");

    private final Path root;
    private final Path tmp;
    private final Path newDir;
    private final MaildirNames names;
    private final DirectorySync newDirSync;

    private MaildirStore(Path root, MaildirNames names) {
        this.root = root;
        this.tmp = root.resolve("tmp");
        this.newDir = root.resolve("new");
        this.names = names;
        this.newDirSync = new DirectorySync(newDir);
    }

    /**
     * Opens the Maildir at {@code root}, creating {@code cur/}, {@code new/} and {@code tmp/} if missing.
     * Start-up code calls this, not a Guice module.
     *
     * @param root the Maildir directory
     * @param hostname the host name in file names
     * @throws IOException if the directories cannot be created
     */
    public static MaildirStore open(Path root, String hostname) throws IOException {
        return open(root, MaildirNames.forHost(hostname));
    }

    static MaildirStore open(Path root, MaildirNames names) throws IOException {
        Path dir = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        return new MaildirStore(dir, names);
    }

    /** The Maildir directory (absolute). */
    public Path root() {
        return root;
    }

    @Override
    public MessageWriter open(SessionView session, Envelope envelope) throws IOException {
        // CREATE_NEW: a name clash (another process with a recycled pid) is retried, never overwritten.
        for (int attempt = 0; ; attempt++) {
            String name = names.next();
            Path file = tmp.resolve(name);
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new Writer(name, file, channel);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 2) {
                    throw e;
                }
                LOG.debug("Maildir name {} already in tmp/, trying another", name);
            }
        }
    }

    /**
     * Checks that the Maildir can take a message now, for the readiness probe: {@code new/} is a directory and a file
     * can be created in {@code tmp/} (made and removed again: Maildir readers never look into {@code tmp/}). A file
     * system remounted read-only, a directory replaced or removed, or no inode left fails it.
     *
     * @throws IOException saying what is wrong
     */
    public void probe() throws IOException {
        if (!Files.isDirectory(newDir)) {
            throw new IOException(newDir + " is not a directory");
        }
        Path probe;
        try {
            probe = Files.createTempFile(tmp, ".ready-", ".probe");
        } catch (IOException e) {
            throw new IOException("cannot create a file in " + tmp + ": " + e, e);
        }
        Files.delete(probe);
    }

    /** Ready when {@link #probe()} passes. */
    @Override
    public boolean ready() {
        try {
            probe();
            return true;
        } catch (IOException e) {
            LOG.warn("Maildir not ready: {}", e.toString());
            return false;
        }
    }

    @Override
    public String toString() {
        return "Maildir " + root;
    }

    /** One message being written to {@code tmp/}. */
    private final class Writer implements MessageWriter {

        private final String name;
        private final Path tmpFile;
        private final FileChannel channel;
        private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_BUFFER_SIZE);
        private long size;
        private Path delivered;
        private boolean committed;
        private boolean closed;

        Writer(String name, Path tmpFile, FileChannel channel) {
            this.name = name;
            this.tmpFile = tmpFile;
            this.channel = channel;
        }

        @Override
        public void write(ByteBuffer bytes) throws IOException {
            ensureOpen();
            size += bytes.remaining();
            if (bytes.remaining() > buffer.remaining() && buffer.capacity() < BUFFER_SIZE) {
                grow(bytes.remaining());
            }
            if (bytes.remaining() > buffer.remaining()) {
                flush();
                if (bytes.remaining() >= buffer.capacity()) {
                    writeFully(bytes);
                    return;
                }
            }
            buffer.put(bytes);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream openContent() throws IOException {
            ensureOpen();
            flush();
            return Files.newInputStream(tmpFile);
        }

        @Override
        public String commit() throws IOException {
            ensureOpen();
            flush();
            // 1. the content is on disk before its name appears in new/
            channel.force(true);
            channel.close();
            closed = true;
            // 2. rename(2) is atomic: readers see either no file or the whole message
            Path target = newDir.resolve(name);
            Files.move(tmpFile, target, StandardCopyOption.ATOMIC_MOVE);
            delivered = target;
            // 3. the directory entry is on disk too: force new/ itself (works on Linux; see forceDirectory), one
            // fsync shared by the sessions committing at the same time (group commit)
            newDirSync.sync();
            committed = true;
            return name;
        }

        @Override
        public void abort() {
            if (committed) {
                return;
            }
            if (!closed) {
                closed = true;
                try {
                    channel.close();
                } catch (IOException e) {
                    LOG.warn("Closing {} failed: {}", tmpFile, e.toString());
                }
            }
            // After a commit failed past the rename the client is told 451 and will retry: remove the file
            // from new/ too, so that the retry does not deliver a second copy.
            delete(delivered != null ? delivered : tmpFile);
        }

        private void grow(int needed) {
            int capacity = buffer.capacity();
            while (capacity < BUFFER_SIZE && capacity - buffer.position() < needed) {
                capacity *= 2;
            }
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(capacity, BUFFER_SIZE));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("message " + name + " is already " + (committed ? "committed" : "closed"));
            }
        }

        private void flush() throws IOException {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }

        private void writeFully(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        private void delete(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Removing aborted message {} failed: {}", file, e.toString());
            }
        }
    }

    /**
     * Forces a directory's entries to disk. On Linux a directory can be opened read-only and fsynced, which is
     * what makes a rename durable; platforms that refuse to open a directory (Windows) cannot do this, and
     * there the rename's own durability is all there is.
     */
    static void forceDirectory(Path dir) throws IOException {
        if (!DIRECTORIES_CAN_BE_FORCED) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
