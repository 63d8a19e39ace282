package dev.pillarbox.smtp.codec;

/**
 * A DATA body ended at CRLF.CRLF (RFC 5321 4.1.1.4); the decoder is back in
 * {@link ServerDecoder.Mode#COMMAND} mode.
 *
 * @param size the number of body octets delivered in {@link BodyChunk}s (after dot-unstuffing)
 */
public record EndOfBody(long size) implements ServerInbound {
}
