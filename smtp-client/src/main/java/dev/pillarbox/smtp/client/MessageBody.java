package dev.pillarbox.smtp.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The message data (header and body, RFC 5322) a client sends after DATA or in BDAT chunks, as octets. It is read
 * through an {@link InputStream} in buffer-sized pieces, never held whole by the client, so a message of any size
 * is sent in bounded memory. When its size is known, the client declares it with SIZE (RFC 1870) and refuses to
 * send a message over the server's limit.
 *
 * <p>Byte arrays and files can be sent any number of times; a stream once.
 */
public final class MessageBody {

    private final byte[] bytes;
    private final Path file;
    private final InputStream stream;
    private final long size;
    private final AtomicBoolean streamTaken = new AtomicBoolean();

    private MessageBody(byte[] bytes, Path file, InputStream stream, long size) {
        this.bytes = bytes;
        this.file = file;
        this.stream = stream;
        this.size = size;
    }

    /** The octets of {@code content}, which is not copied: do not change it while it is being sent. */
    public static MessageBody of(byte[] content) {
        return new MessageBody(Objects.requireNonNull(content, "content"), null, null, content.length);
    }

    /** {@code text} in UTF-8, e.g. {@code "Subject: hi\r\n\r\nHello\r\n"}. */
    public static MessageBody of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The contents of {@code file}; its size is taken when the body is made.
     *
     * @throws IOException if the file's size cannot be read
     */
    public static MessageBody of(Path file) throws IOException {
        return new MessageBody(null, file, null, Files.size(file));
    }

    /**
     * The octets of {@code in}, read once until its end; the client closes it.
     *
     * @param size the number of octets {@code in} will give, or -1 if unknown (then no SIZE is declared)
     */
    public static MessageBody of(InputStream in, long size) {
        if (size < -1) {
            throw new IllegalArgumentException("size must be -1 (unknown) or at least 0, not " + size);
        }
        return new MessageBody(null, null, Objects.requireNonNull(in, "in"), size);
    }

    /** The size in octets (before dot-stuffing), if known. */
    public OptionalLong size() {
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** False for a stream, which can be sent once only. */
    public boolean repeatable() {
        return stream == null;
    }

    /** The whole content if this body was made from an array, else null. */
    byte[] array() {
        return bytes;
    }

    /**
     * Opens the content for reading.
     *
     * @throws IllegalStateException if this is a stream that was opened before
     * @throws IOException if the file cannot be opened
     */
    InputStream open() throws IOException {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        if (file != null) {
            return Files.newInputStream(file);
        }
        if (!streamTaken.compareAndSet(false, true)) {
            throw new IllegalStateException("a message body made from a stream can be sent only once");
        }
        return stream;
    }

    @Override
    public String toString() {
        String what = bytes != null ? "bytes" : file != null ? "file " + file : "stream";
        return "MessageBody[" + what + (size < 0 ? "" : ", " + size + " octets") + "]";
    }
}
