package dev.pillarbox.smtp.codec;

/**
 * What the {@link ServerDecoder} does with a body text line longer than {@link CodecLimits#textLine()}
 * (RFC 5321 4.5.3.1.6: 1000 octets including CRLF).
 */
public enum LongLinePolicy {
    /** Report one {@link LineTooLong} per message, drain the body, then report {@link EndOfBody}. */
    REJECT,
    /** Pass long lines through unchanged (what most real servers do). */
    ACCEPT
}
