package dev.pillarbox.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the messages of a Maildir (cr.yp.to/proto/maildir.html) from its own files, as a mail reader does: every
 * file in {@code new/} and {@code cur/} whose name does not start with a dot is a message; {@code tmp/} is never read
 * (a delivery in progress). A message's id is its unique name, the file name before the {@code :} that starts the
 * info part in {@code cur/}. Deleting removes the file. Whatever else writes the Maildir (the server, another
 * delivery agent, a mail reader moving files to {@code cur/}) is seen at the next listing.
 */
public final class MaildirReader {

    /**
     * What an id may be: the characters of the unique names Maildir deliverers make (digits, letters, {@code .},
     * {@code _}, {@code -}, and {@code \} {@code ,} {@code =} of escaped host names), never {@code /} or {@code :}, and
     * not starting with a dot, so that no id names another directory ({@code ..}) or a hidden file.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-\\\\,=][A-Za-z0-9._\\-\\\\,=]{0,254}");

    private final Path root;
    private final Path newDir;
    private final Path curDir;

    private MaildirReader(Path root) {
        this.root = root;
        this.newDir = root.resolve("new");
        this.curDir = root.resolve("cur");
    }

    /**
     * A reader of the Maildir at {@code root}.
     *
     * @throws IllegalArgumentException if {@code root} has no {@code new/} and {@code cur/} directories
     */
    public static MaildirReader of(Path root) {
        Path dir = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("new")) || !Files.isDirectory(dir.resolve("cur"))) {
            throw new IllegalArgumentException(dir + " is not a Maildir (no new/ and cur/ directories)");
        }
        return new MaildirReader(dir);
    }

    /** True when {@code id} could be a message's id; anything else is refused before a path is made of it. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The Maildir directory. */
    public Path root() {
        return root;
    }

    /** The {@code new/} directory, where deliveries appear. */
    Path newDirectory() {
        return newDir;
    }

    /** The {@code cur/} directory. */
    Path curDirectory() {
        return curDir;
    }

    /** Every message, newest first (by the file's modification time, then by id). */
    public List<StoredMessage> list() throws IOException {
        List<StoredMessage> out = new ArrayList<>();
        collect(newDir, out);
        collect(curDir, out);
        out.sort(Comparator.comparing(StoredMessage::modified).thenComparing(StoredMessage::id).reversed());
        return out;
    }

    /**
     * The message with this id, if it is still there.
     *
     * @throws IllegalArgumentException if {@code id} is not a valid id ({@link #isValidId})
     */
    public Optional<StoredMessage> find(String id) throws IOException {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("not a message id: " + id);
        }
        Optional<StoredMessage> inNew = stat(newDir.resolve(id), id);
        if (inNew.isPresent()) {
            return inNew;
        }
        // in cur/ the name carries the info part (":2,S"), which changes as a reader sets flags
        // (no glob: the escaped host names' backslashes would be read as glob escapes)
        DirectoryStream.Filter<Path> named = file -> file.getFileName().toString().startsWith(id);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(curDir, named)) {
            for (Path file : files) {
                if (idOf(file.getFileName().toString()).equals(id)) {
                    Optional<StoredMessage> found = stat(file, id);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return Optional.empty();
    }

    /**
     * Deletes the message with this id.
     *
     * @return false if it was not there (any more)
     * @throws IllegalArgumentException if {@code id} is not a valid id
     */
    public boolean delete(String id) throws IOException {
        Optional<StoredMessage> message = find(id);
        return message.isPresent() && Files.deleteIfExists(message.get().file());
    }

    /** Deletes every message in {@code new/} and {@code cur/}; returns how many. */
    public int deleteAll() throws IOException {
        int deleted = 0;
        for (StoredMessage message : list()) {
            if (Files.deleteIfExists(message.file())) {
                deleted++;
            }
        }
        return deleted;
    }

    private static void collect(Path dir, List<StoredMessage> out) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = idOf(name);
                if (name.startsWith(".") || !isValidId(id)) {
                    continue;
                }
                stat(file, id).ifPresent(out::add);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
    }

    /** The file's attributes, or empty when it went away meanwhile (deleted, or moved from new/ to cur/). */
    private static Optional<StoredMessage> stat(Path file, String id) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredMessage(id, file, attributes.size(),
                    attributes.lastModifiedTime().toInstant().toEpochMilli()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String idOf(String fileName) {
        int colon = fileName.indexOf(':');
        return colon < 0 ? fileName : fileName.substring(0, colon);
    }

    /**
     * One message file.
     *
     * @param id the Maildir unique name
     * @param file where it is now
     * @param size its size in bytes
     * @param modified its modification time, milliseconds since the epoch (about when it was delivered)
     */
    public record StoredMessage(String id, Path file, long size, long modified) {

        /** Checks the components. */
        public StoredMessage {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(file, "file");
        }

        /** Opens the content; the caller closes it. */
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }
    }
}
