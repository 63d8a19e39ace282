package dev.pillarbox.smtp.codec;

/**
 * How the {@link ServerDecoder} treats a bare CR or a bare LF (one not part of a CRLF pair).
 *
 * <p>Under either policy only CRLF ends a command line and only CRLF.CRLF ends a message (RFC 5321 4.1.1.4,
 * 2.3.8): treating anything else as a line end is what makes SMTP smuggling possible.
 */
public enum LineEndingPolicy {
    /** Default: a bare CR or LF in a command line or in a body is reported as {@link BareLineEnding}. */
    STRICT,
    /**
     * A bare CR or LF inside a DATA body is passed through as data (for legacy clients); command lines are
     * still strict, and still only CRLF.CRLF ends a message.
     */
    LENIENT_BODY
}
