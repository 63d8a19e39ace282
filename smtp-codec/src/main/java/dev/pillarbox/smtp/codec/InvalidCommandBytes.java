package dev.pillarbox.smtp.codec;

/**
 * A command line contained NUL or another control byte (other than HTAB), or was not valid UTF-8. The line was
 * discarded through its CRLF; the server answers {@code 500 5.5.2}.
 */
public record InvalidCommandBytes() implements ServerInbound {
}
