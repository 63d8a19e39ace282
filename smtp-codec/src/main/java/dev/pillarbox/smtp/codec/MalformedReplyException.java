package dev.pillarbox.smtp.codec;

/**
 * A reply received by a client violates RFC 5321 4.2 (mixed codes between lines, missing space or hyphen after
 * the code, a non-digit code, an over-long line, a bare line ending). The {@link ReplyDecoder} has dropped the
 * reply it was assembling and resynchronises at the next line.
 */
public final class MalformedReplyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An exception whose message names the problem. */
    public MalformedReplyException(String message) {
        super(message);
    }
}
