package dev.pillarbox.smtp.plugins.api;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.ReversePath;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A received message as message hooks see it: its envelope, its content, and the changes a hook may make to it.
 * Later hooks and the delivery targets see every change an earlier hook made.
 *
 * <p><b>What a hook may change:</b> the message's own header fields (add, insert at a position, change, remove), its
 * body (replace it with a stream) and its envelope (add and remove recipients, change the reverse-path: what mail
 * filters do at the end of a message). The envelope changes reach {@link #envelope()}, the later hooks, the delivery
 * targets (their writers are opened again with the changed envelope as the message is committed) and the after-store
 * hooks; the SMTP transaction itself ({@code SessionView.envelope()}) and the replies stay those of the client's
 * commands (under LMTP one reply per RCPT the client sent, RFC 2033 4.2). A message whose hooks remove every
 * recipient is answered as usual and stored nowhere, as if {@linkplain HookResult#discard discarded}. <b>What a hook
 * may not change:</b> the server's trace {@code Received:} field, which stays first whatever is inserted (positions
 * count the fields after it).
 *
 * <p>Header edits are kept (the header section in memory, at most {@value #MAX_HEADER_SECTION} octets, like
 * Postfix's {@code header_size_limit}) and applied as the message is committed, streaming the body through; a body
 * replacement is streamed into new writers of the delivery targets at once. Neither holds the body in memory.
 */
public interface Message {

    /** The largest header section a hook may edit (Postfix's {@code header_size_limit} default). */
    int MAX_HEADER_SECTION = 102_400;

    /** The envelope: the one the message arrived with, with the envelope changes hooks made so far. */
    Envelope envelope();

    /**
     * Octets of content as stored so far, including the trace header the server prepended: after a body replacement
     * the new content's; header edits not yet committed are not counted.
     */
    long size();

    /**
     * Opens the content from the start: the server's {@code Received:} header, then the message as received
     * (dot-unstuffed), with the changes hooks made so far. Each call returns a new stream; close it.
     */
    InputStream openContent() throws IOException;

    /**
     * The message's own header fields in order, with the hooks' changes, without the server's trace field. Values
     * are unfolded (RFC 5322 2.2.3: CRLF before whitespace removed).
     *
     * @throws IOException if the content cannot be read or its header section is larger than
     *     {@value #MAX_HEADER_SECTION} octets
     */
    List<HeaderField> headerFields() throws IOException;

    /** Appends {@code name: value} at the end of the header section. */
    void addHeader(String name, String value) throws IOException;

    /**
     * Inserts {@code name: value} before the field at {@code index} (0 = the first of the message's own fields,
     * right after the server's {@code Received:}; the field count appends).
     *
     * @throws IndexOutOfBoundsException if {@code index} is negative or past the field count
     */
    void insertHeader(int index, String name, String value) throws IOException;

    /**
     * Replaces the value of the {@code occurrence}-th field named {@code name} (1 = the first; names compare
     * without regard to case), keeping its position.
     *
     * @throws IllegalArgumentException if there is no such field
     */
    void changeHeader(String name, int occurrence, String value) throws IOException;

    /**
     * Removes the {@code occurrence}-th field named {@code name} (1 = the first).
     *
     * @throws IllegalArgumentException if there is no such field
     */
    void removeHeader(String name, int occurrence) throws IOException;

    /** Removes every field named {@code name}; returns how many there were. */
    int removeHeaders(String name) throws IOException;

    /**
     * Replaces the body (everything after the header section's empty line) with {@code body}, read to its end now
     * and streamed into the delivery targets; the header section, with its changes, stays. The stream should use
     * CRLF line endings (RFC 5322 2.1); the caller closes it.
     *
     * @throws IOException if {@code body} or a required delivery target fails (the message is then answered
     *     {@code 451 4.3.0})
     */
    void replaceBody(InputStream body) throws IOException;

    /**
     * Adds a recipient to the envelope (after the others); nothing if a recipient with the same forward-path is
     * already there. The hook validated the address (e.g. with {@code ForwardPath.parse}).
     *
     * @throws UnsupportedOperationException if this message does not take envelope changes (the default, for
     *     implementations written before envelope changes existed)
     */
    default void addRecipient(Recipient recipient) {
        throw new UnsupportedOperationException("this message does not take envelope changes");
    }

    /**
     * Removes every recipient whose forward-path is {@code forwardPath} (see {@link Envelope#withoutRecipient});
     * returns whether there was one.
     *
     * @throws UnsupportedOperationException if this message does not take envelope changes (the default)
     */
    default boolean removeRecipient(ForwardPath forwardPath) {
        throw new UnsupportedOperationException("this message does not take envelope changes");
    }

    /**
     * Replaces the envelope's reverse-path and MAIL parameters (the null path {@code <>} included).
     *
     * @throws UnsupportedOperationException if this message does not take envelope changes (the default)
     */
    default void changeReversePath(ReversePath reversePath, EsmtpParameters mailParameters) {
        throw new UnsupportedOperationException("this message does not take envelope changes");
    }
}
