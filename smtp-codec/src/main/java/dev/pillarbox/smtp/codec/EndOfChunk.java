package dev.pillarbox.smtp.codec;

/**
 * A BDAT chunk (RFC 3030) was passed through completely; the decoder is back in
 * {@link ServerDecoder.Mode#COMMAND} mode.
 *
 * @param octets the size of the chunk, as given to {@link ServerDecoder#enterBdatMode(long)}
 */
public record EndOfChunk(long octets) implements ServerInbound {
}
