package dev.pillarbox.smtp.codec;

/**
 * A protocol unit produced by {@link ServerDecoder#decode(java.nio.ByteBuffer)}: a command line, a piece of a
 * message body, the end of a body or BDAT chunk, or a protocol violation the server answers with a reply.
 * Violations are values, never exceptions: the decoder stays usable after each of them.
 */
public sealed interface ServerInbound
        permits CommandLine, BodyChunk, EndOfBody, EndOfChunk, LineTooLong, BareLineEnding, InvalidCommandBytes,
        MessageTooLarge {
}
