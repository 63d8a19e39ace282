package dev.pillarbox.smtp.codec;

import java.util.Objects;

/**
 * The limits and policies of the {@link ServerDecoder}, all in octets. Abuse limits are settings, not
 * constants buried in code.
 *
 * @param commandLine maximum command line length including CRLF (RFC 5321 4.5.3.1.4: 512)
 * @param authLine maximum length of a command line while {@link ServerDecoder#useAuthLineLimit(boolean)} is on,
 *     e.g. AUTH initial responses and continuation lines (RFC 4954 section 4 allows longer lines)
 * @param textLine maximum body text line length including CRLF (RFC 5321 4.5.3.1.6: 1000), not counting
 *     a stuffed leading dot
 * @param maxMessageSize maximum DATA body size after dot-unstuffing
 * @param longLines what to do with body lines over {@code textLine}
 * @param lineEndings how bare CR and LF are treated
 */
public record CodecLimits(int commandLine, int authLine, int textLine, long maxMessageSize, LongLinePolicy longLines,
        LineEndingPolicy lineEndings) {

    /** RFC 5321 4.5.3.1.4: 512 octets including CRLF. */
    public static final int DEFAULT_COMMAND_LINE = 512;
    /** Room for AUTH lines carrying large SASL responses (e.g. GSSAPI tokens). */
    public static final int DEFAULT_AUTH_LINE = 12288;
    /** RFC 5321 4.5.3.1.6: 1000 octets including CRLF. */
    public static final int DEFAULT_TEXT_LINE = 1000;
    /** 10 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 10L * 1024 * 1024;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a limit is too small: {@code commandLine} must hold at least
     *     "QUIT" + CRLF (6), {@code authLine} at least {@code commandLine}, {@code textLine} at least 3 (".", CRLF)
     *     and {@code maxMessageSize} must be positive
     */
    public CodecLimits {
        Objects.requireNonNull(longLines, "longLines");
        Objects.requireNonNull(lineEndings, "lineEndings");
        if (commandLine < 6) {
            throw new IllegalArgumentException("commandLine limit " + commandLine
                    + " is below 6 octets (a four-letter verb and CRLF)");
        }
        if (authLine < commandLine) {
            throw new IllegalArgumentException("authLine limit " + authLine + " is below the commandLine limit "
                    + commandLine);
        }
        if (textLine < 3) {
            throw new IllegalArgumentException("textLine limit " + textLine + " is below 3 octets");
        }
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize " + maxMessageSize + " is not positive");
        }
    }

    /** 512 / 12288 / 1000 octets, 10 MiB, long lines accepted, strict line endings. */
    public static CodecLimits defaults() {
        return new CodecLimits(DEFAULT_COMMAND_LINE, DEFAULT_AUTH_LINE, DEFAULT_TEXT_LINE, DEFAULT_MAX_MESSAGE_SIZE,
                LongLinePolicy.ACCEPT, LineEndingPolicy.STRICT);
    }

    /** A copy with another command line limit. */
    public CodecLimits withCommandLine(int commandLine) {
        return new CodecLimits(commandLine, Math.max(authLine, commandLine), textLine, maxMessageSize, longLines,
                lineEndings);
    }

    /** A copy with another AUTH line limit. */
    public CodecLimits withAuthLine(int authLine) {
        return new CodecLimits(commandLine, authLine, textLine, maxMessageSize, longLines, lineEndings);
    }

    /** A copy with another text line limit. */
    public CodecLimits withTextLine(int textLine) {
        return new CodecLimits(commandLine, authLine, textLine, maxMessageSize, longLines, lineEndings);
    }

    /** A copy with another maximum message size. */
    public CodecLimits withMaxMessageSize(long maxMessageSize) {
        return new CodecLimits(commandLine, authLine, textLine, maxMessageSize, longLines, lineEndings);
    }

    /** A copy with another long-line policy. */
    public CodecLimits withLongLines(LongLinePolicy longLines) {
        return new CodecLimits(commandLine, authLine, textLine, maxMessageSize, longLines, lineEndings);
    }

    /** A copy with another line-ending policy. */
    public CodecLimits withLineEndings(LineEndingPolicy lineEndings) {
        return new CodecLimits(commandLine, authLine, textLine, maxMessageSize, longLines, lineEndings);
    }
}
