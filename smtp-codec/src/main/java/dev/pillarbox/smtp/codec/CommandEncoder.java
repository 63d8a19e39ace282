package dev.pillarbox.smtp.codec;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Verb;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Client-side encoder: command lines, and a DATA body with dot-stuffing (via {@link DotStuffer}). Not
 * thread-safe; one per connection.
 *
 * <p>Call {@link #startBody()} once the server answered DATA with 354, then {@link #body(ByteBuffer)} for each
 * piece of the message and {@link #endBody()} for the terminator. Misuse fails at once: a body chunk outside
 * DATA, or a command (other than RSET, which abandons the body) while a body is open, throws
 * {@link IllegalStateException}.
 */
public final class CommandEncoder {

    private final DotStuffer stuffer;
    private boolean inBody;

    /** An encoder that sends the body's line endings unchanged. */
    public CommandEncoder() {
        this(false);
    }

    /** An encoder that optionally normalises bare CR and LF in bodies to CRLF. */
    public CommandEncoder(boolean normaliseLineEndings) {
        this.stuffer = new DotStuffer(normaliseLineEndings);
    }

    /**
     * The command line with CRLF, UTF-8 encoded (RFC 6531 allows UTF-8 arguments).
     *
     * @throws IllegalArgumentException if the argument holds CR or LF (that would inject a second command)
     * @throws IllegalStateException if a body is open and the command is not RSET
     */
    public byte[] encode(Command command) {
        Objects.requireNonNull(command, "command");
        String argument = command.argument();
        if (argument.indexOf('\r') >= 0 || argument.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("command argument contains CR or LF");
        }
        if (inBody) {
            if (!command.verb().equals(Verb.RSET)) {
                throw new IllegalStateException("command " + command.verb() + " inside DATA body");
            }
            inBody = false;
            stuffer.reset();
        }
        return (command + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Opens a body, after the server answered DATA with 354.
     *
     * @throws IllegalStateException if a body is already open
     */
    public void startBody() {
        if (inBody) {
            throw new IllegalStateException("body already started");
        }
        inBody = true;
        stuffer.reset();
    }

    /** True between {@link #startBody()} and {@link #endBody()}. */
    public boolean inBody() {
        return inBody;
    }

    /**
     * The dot-stuffed form of the remaining bytes of {@code chunk} (consumed).
     *
     * @throws IllegalStateException ("body chunk outside DATA") if no body is open
     */
    public byte[] body(ByteBuffer chunk) {
        if (!inBody) {
            throw new IllegalStateException("body chunk outside DATA");
        }
        return stuffer.stuff(chunk);
    }

    /**
     * The terminating CRLF.CRLF (a CRLF is added first if the body did not end with one); closes the body.
     *
     * @throws IllegalStateException ("body chunk outside DATA") if no body is open
     */
    public byte[] endBody() {
        if (!inBody) {
            throw new IllegalStateException("body chunk outside DATA");
        }
        inBody = false;
        return stuffer.finish();
    }
}
