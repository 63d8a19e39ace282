package dev.pillarbox.smtp.milter;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The body octets gathered for the next SMFIC_BODY packet, at most {@link MilterSession#BODY_CHUNK} of them. The
 * buffer grows to a full chunk only for bodies that need it: most messages are a few KB.
 */
final class BodyChunkBuffer {

    private byte[] buffer;
    private int fill;

    /** Moves octets from {@code octets} until the chunk is full or {@code octets} is used up; true when full. */
    boolean fill(ByteBuffer octets) {
        int n = Math.min(octets.remaining(), MilterSession.BODY_CHUNK - fill);
        grow(fill + n);
        octets.get(buffer, fill, n);
        fill += n;
        return fill == MilterSession.BODY_CHUNK;
    }

    boolean isEmpty() {
        return fill == 0;
    }

    /** The buffer; its first {@link #length()} octets are the chunk. */
    byte[] buffer() {
        return buffer;
    }

    int length() {
        return fill;
    }

    /** Empties the chunk (it was sent, or the message ended), keeping the buffer. */
    void clear() {
        fill = 0;
    }

    private void grow(int needed) {
        if (buffer == null || buffer.length < needed) {
            int size = Math.min(MilterSession.BODY_CHUNK, Math.max(needed, buffer == null ? 8192 : 2 * buffer.length));
            buffer = buffer == null ? new byte[size] : Arrays.copyOf(buffer, size);
        }
    }
}
