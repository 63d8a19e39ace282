package dev.pillarbox.smtp.codec;

import java.util.Objects;

/**
 * A line exceeded its limit. In {@link ServerDecoder.Mode#COMMAND} mode the line is discarded up to and
 * including its CRLF and decoding resumes (answer {@code 500 5.5.2}, RFC 5321 4.5.3.1.4). In
 * {@link ServerDecoder.Mode#DATA} mode (policy {@link LongLinePolicy#REJECT}) it is reported once per message,
 * the rest of the body is drained and {@link EndOfBody} follows.
 *
 * @param mode the mode in which the line was received
 * @param limit the limit that was exceeded, in octets including CRLF
 */
public record LineTooLong(ServerDecoder.Mode mode, int limit) implements ServerInbound {

    /** Validates the components. */
    public LineTooLong {
        Objects.requireNonNull(mode, "mode");
    }
}
