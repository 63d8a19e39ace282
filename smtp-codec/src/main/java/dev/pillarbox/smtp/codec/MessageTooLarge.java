package dev.pillarbox.smtp.codec;

/**
 * A DATA body grew beyond {@link CodecLimits#maxMessageSize()}. Reported once; the rest of the body is drained
 * up to CRLF.CRLF, then {@link EndOfBody} follows and the server answers {@code 552 5.3.4}.
 *
 * @param limit the maximum message size in octets
 */
public record MessageTooLarge(long limit) implements ServerInbound {
}
