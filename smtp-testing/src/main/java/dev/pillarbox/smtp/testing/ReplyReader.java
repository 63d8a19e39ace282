package dev.pillarbox.smtp.testing;

import dev.pillarbox.smtp.codec.MalformedReplyException;
import dev.pillarbox.smtp.codec.ReplyDecoder;
import dev.pillarbox.smtp.core.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * The reply side shared by the test clients (and usable over any socket's input stream): reads whole replies (all lines of a multi-line reply) with the codec's
 * {@link ReplyDecoder}, keeping bytes that arrived after a reply for the next one (pipelining).
 */
public final class ReplyReader {

    private final ReplyDecoder decoder = new ReplyDecoder();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).limit(0);

    /** A reader with an empty buffer, for one connection's replies. */
    public ReplyReader() {
    }

    /** Reads the next complete reply from {@code in}. */
    public Reply read(InputStream in) {
        try {
            while (true) {
                Reply reply = decoder.decode(buffer);
                if (reply != null) {
                    return reply;
                }
                buffer.compact();
                int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
                if (n < 0) {
                    throw new IOException("connection closed by the server while waiting for a reply");
                }
                buffer.position(buffer.position() + n);
                buffer.flip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedReplyException e) {
            throw new IllegalStateException("malformed reply: " + e.getMessage(), e);
        }
    }

    /** Reads a reply and fails unless it has {@code code}. */
    public Reply expect(InputStream in, int code) {
        Reply reply = read(in);
        if (reply.code().value() != code) {
            throw new AssertionError("expected a " + code + " reply, got: " + reply);
        }
        return reply;
    }

    /**
     * Waits up to the socket's read timeout for the server to close the connection, discarding anything it sends.
     *
     * @return true if the server closed (or reset) the connection
     */
    public static boolean awaitClose(InputStream in) {
        try {
            byte[] sink = new byte[1024];
            while (in.read(sink) >= 0) {
                continue; // discard replies until end of stream
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset: closed as well
        }
    }
}
