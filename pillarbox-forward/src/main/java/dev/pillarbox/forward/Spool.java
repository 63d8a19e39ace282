package dev.pillarbox.forward;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue on disk. Layout under the spool directory:
 * <ul>
 *   <li>{@code queue/ID.msg}: the message content as received (with the server's trace header);</li>
 *   <li>{@code queue/ID.env}: its envelope and per-recipient state ({@link QueuedMessage#encode()});</li>
 *   <li>{@code tmp/}: files being written; whatever is there at start-up is a leftover and is removed;</li>
 *   <li>{@code flush}: present when an operator asked for a flush ({@code pillarbox queue flush});</li>
 *   <li>{@code rescan}: present when an operator changed the queue (delete, hold, release).</li>
 * </ul>
 * A message is in the queue exactly when its {@code .env} file exists. Queueing writes the content, forces it,
 * renames it into {@code queue/}, does the same with the state file, then forces the directory (as the Maildir
 * store does): only then does the writer's commit return and the client get 250. State updates are written to a
 * temporary file, forced and renamed over the old one, so a crash leaves either state, never a torn file. Removal
 * deletes the state file first: a content file without state is a leftover, removed at start-up.
 *
 * <p>Thread-safe: updates of one message must be serialised by the caller.
 */
public final class Spool {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final String CONTENT = ".msg";
    private static final String STATE = ".env";
    // some file systems cannot force a directory (an opened directory refuses write); POSIX ones can
    private static final boolean DIRECTORIES_CAN_BE_FORCED = !System.getProperty("os.name", "")
            .toLowerCase(Locale.ROOT).startsWith("windows");

    private final Path root;
    private final Path queue;
    private final Path tmp;
    private final AtomicLong sequence;

    private Spool(Path root) {
        this.root = root;
        this.queue = root.resolve("queue");
        this.tmp = root.resolve("tmp");
        this.sequence = new AtomicLong(new SecureRandom().nextInt(1 << 20));
    }

    /** The spool at {@code root}, creating its directories if needed. */
    public static Spool open(Path root) throws IOException {
        Spool spool = new Spool(root);
        Files.createDirectories(spool.queue);
        Files.createDirectories(spool.tmp);
        return spool;
    }

    /** The spool directory. */
    public Path root() {
        return root;
    }

    /**
     * Cleans up after a crash and returns what is queued: removes the temporary files, content files without state
     * (never acknowledged, or already removed) and state files without content (never acknowledged: the content is
     * renamed first), and skips (logging) state files it cannot read.
     */
    public List<QueuedMessage> recover() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
        List<QueuedMessage> messages = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(queue)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(CONTENT) && !Files.exists(queue.resolve(id(name) + STATE))) {
                    LOG.info("{}: removing content without state (a message that never got 250, or was removed)",
                            id(name));
                    Files.deleteIfExists(f);
                } else if (name.endsWith(STATE) && !Files.exists(queue.resolve(id(name) + CONTENT))) {
                    LOG.warn("{}: removing state without content (a message that never got 250)", id(name));
                    Files.deleteIfExists(f);
                }
            }
        }
        messages.addAll(list());
        return messages;
    }

    /** Every queued message, oldest first; unreadable state files are logged and skipped. */
    public List<QueuedMessage> list() throws IOException {
        List<QueuedMessage> messages = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(queue, "*" + STATE)) {
            for (Path f : files) {
                try {
                    messages.add(QueuedMessage.decode(Files.readAllBytes(f)));
                } catch (NoSuchFileException e) {
                    continue; // removed meanwhile
                } catch (IOException e) {
                    LOG.error("{}: cannot read the queue state file {}: {}", id(f.getFileName().toString()), f,
                            e.getMessage());
                }
            }
        }
        messages.sort(Comparator.comparing(QueuedMessage::arrival).thenComparing(QueuedMessage::id));
        return messages;
    }

    /** The message {@code id} as its state file has it now, if it is queued. */
    public Optional<QueuedMessage> read(String id) throws IOException {
        try {
            return Optional.of(QueuedMessage.decode(Files.readAllBytes(queue.resolve(checkId(id) + STATE))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The content file of message {@code id}. */
    public Path content(String id) {
        return queue.resolve(checkId(id) + CONTENT);
    }

    /** A new queue id: time-ordered and unique within this spool (upper-case hex, as Postfix's short ids). */
    String newId() {
        return String.format(Locale.ROOT, "%011X%05X", System.currentTimeMillis(), sequence.incrementAndGet() & 0xFFFFF);
    }

    /** Opens a temporary content file for message {@code id}. */
    FileChannel createContent(String id) throws IOException {
        return FileChannel.open(tmp.resolve(id + CONTENT), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
    }

    /** The temporary content file of a message being received. */
    Path pendingContent(String id) {
        return tmp.resolve(id + CONTENT);
    }

    /**
     * Makes a received message durable: forces its content (already written to {@link #createContent}) and state,
     * renames both into the queue and forces the directory.
     */
    void commit(FileChannel content, QueuedMessage message) throws IOException {
        content.force(true);
        content.close();
        String id = message.id();
        Path target = queue.resolve(id + CONTENT);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(tmp.resolve(id + CONTENT), target, StandardCopyOption.ATOMIC_MOVE);
        writeState(message);
        forceDirectory(queue);
    }

    /** Queues a message the gateway made itself (a bounce), durably. */
    void enqueue(byte[] content, QueuedMessage message) throws IOException {
        try (FileChannel channel = createContent(message.id())) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            commit(channel, message);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp.resolve(message.id() + CONTENT));
            throw e;
        }
    }

    /** Replaces the state of a queued message atomically (write, force, rename, force the directory). */
    public void update(QueuedMessage message) throws IOException {
        writeState(message);
        forceDirectory(queue);
    }

    /** Removes message {@code id}: the state first, then the content. */
    public void remove(String id) throws IOException {
        Files.deleteIfExists(queue.resolve(checkId(id) + STATE));
        Files.deleteIfExists(queue.resolve(id + CONTENT));
        forceDirectory(queue);
    }

    /** Asks the queue runner of a running server to try every pending recipient now. */
    public void requestFlush() throws IOException {
        Path marker = root.resolve("flush");
        if (!Files.exists(marker)) {
            Files.write(marker, new byte[0]);
        }
    }

    /** Asks the queue runner of a running server to read the queue again (an operator changed it). */
    void requestRescan() throws IOException {
        Path marker = root.resolve("rescan");
        if (!Files.exists(marker)) {
            Files.write(marker, new byte[0]);
        }
    }

    /** True (once) if a rescan was asked for since the last call. */
    boolean takeRescanRequest() throws IOException {
        return Files.deleteIfExists(root.resolve("rescan"));
    }

    /** True (once) if a flush was asked for since the last call. */
    boolean takeFlushRequest() throws IOException {
        return Files.deleteIfExists(root.resolve("flush"));
    }

    private void writeState(QueuedMessage message) throws IOException {
        Path temp = tmp.resolve(message.id() + STATE + "." + Long.toString(sequence.incrementAndGet(), 36));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(message.encode());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, queue.resolve(message.id() + STATE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void forceDirectory(Path dir) throws IOException {
        if (!DIRECTORIES_CAN_BE_FORCED) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static String id(String fileName) {
        int dot = fileName.indexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    private static String checkId(String id) {
        // an id from the command line must not reach outside the queue directory
        if (!id.matches("[0-9A-F]{8,32}")) {
            throw new IllegalArgumentException("\"" + id + "\" is not a queue id (upper-case hex, as `queue list`"
                    + " shows)");
        }
        return id;
    }
}
