package dev.pillarbox.smtp.plugins.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * One message on its way into a {@link MessageStore}. The server calls {@link #write} for each body chunk,
 * then {@link #openContent()} for message hooks, then exactly one of {@link #commit()} or {@link #abort()}.
 * Used by one thread at a time.
 */
public interface MessageWriter {

    /** Appends {@code bytes} (all remaining bytes; the buffer is only valid during the call). */
    void write(ByteBuffer bytes) throws IOException;

    /** Octets written so far. */
    long size();

    /** Opens the content written so far from the start. */
    InputStream openContent() throws IOException;

    /**
     * Stores the message durably (for Maildir: fsync the file, rename into new/, fsync the directory) and
     * returns its id. Only after this returns may the server answer 250.
     */
    String commit() throws IOException;

    /** Discards the message; never throws, may be called more than once and after a failed commit. */
    void abort();
}
