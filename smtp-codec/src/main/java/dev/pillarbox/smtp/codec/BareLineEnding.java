package dev.pillarbox.smtp.codec;

import java.util.Objects;

/**
 * A bare CR or bare LF (not part of CRLF) was received where {@link LineEndingPolicy#STRICT} forbids it. In
 * {@link ServerDecoder.Mode#COMMAND} mode the offending line is discarded through its next CRLF (answer
 * {@code 500 5.5.2}); in {@link ServerDecoder.Mode#DATA} mode it is reported once, the body is drained up to the
 * real CRLF.CRLF and {@link EndOfBody} follows. Refusing these is what defeats SMTP smuggling.
 *
 * @param mode the mode in which the bare line ending was received
 */
public record BareLineEnding(ServerDecoder.Mode mode) implements ServerInbound {

    /** Validates the component. */
    public BareLineEnding {
        Objects.requireNonNull(mode, "mode");
    }
}
