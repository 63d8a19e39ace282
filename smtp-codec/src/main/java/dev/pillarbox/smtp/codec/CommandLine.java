package dev.pillarbox.smtp.codec;

import dev.pillarbox.smtp.core.Command;
import java.util.Objects;

/**
 * A complete command line received in {@link ServerDecoder.Mode#COMMAND} mode.
 *
 * @param text the line without its CRLF, decoded as UTF-8 (RFC 6531 allows UTF-8 arguments)
 */
public record CommandLine(String text) implements ServerInbound {

    /** Validates the component. */
    public CommandLine {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses the line as a {@link Command}.
     *
     * @throws IllegalArgumentException if the verb is empty or has invalid characters
     */
    public Command toCommand() {
        return Command.parse(text);
    }
}
