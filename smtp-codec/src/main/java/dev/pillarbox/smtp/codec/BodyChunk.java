package dev.pillarbox.smtp.codec;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A piece of a message body: after dot-unstuffing in DATA mode (RFC 5321 4.5.2), untouched in BDAT mode
 * (RFC 3030). Consecutive chunks concatenate to the body exactly.
 *
 * @param data a read-only buffer that may share the caller's input buffer: valid only until the next call of
 *     {@link ServerDecoder#decode(ByteBuffer)}; copy it out if it must live longer
 */
public record BodyChunk(ByteBuffer data) implements ServerInbound {

    /** Validates the component. */
    public BodyChunk {
        Objects.requireNonNull(data, "data");
    }

    /** The number of bytes remaining in {@link #data()}. */
    public int length() {
        return data.remaining();
    }

    /** A copy of the remaining bytes of {@link #data()}, leaving its position unchanged. */
    public byte[] toByteArray() {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return copy;
    }
}
