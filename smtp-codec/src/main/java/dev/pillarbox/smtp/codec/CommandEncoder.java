package dev.pillarbox.smtp.codec;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Verb;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Client-side encoder: command lines, and a DATA body with dot-stuffing (via {@link DotStuffer}). Not
 * thread-safe; one per connection. Each operation comes in two forms: one returns a new array, the other writes
 * into the caller's {@link ByteBuffer} and allocates nothing (for ASCII commands), so a client can encode into
 * one reused buffer.
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
        validate(command);
        leaveBody();
        return (command + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the command line with CRLF into {@code out}, as {@link #encode(Command)} would return it. An ASCII
     * command allocates nothing.
     *
     * @throws IllegalArgumentException if the argument holds CR or LF
     * @throws IllegalStateException if a body is open and the command is not RSET
     * @throws BufferOverflowException if {@code out} has less room than the line needs; nothing is written then
     */
    public void encode(Command command, ByteBuffer out) {
        validate(command);
        String verb = command.verb().name();
        String argument = command.argument();
        boolean ascii = isAscii(argument);
        byte[] utf8 = ascii ? null : argument.getBytes(StandardCharsets.UTF_8);
        int argumentLength = ascii ? argument.length() : utf8.length;
        int length = verb.length() + (argumentLength == 0 ? 0 : 1 + argumentLength) + 2;
        if (out.remaining() < length) {
            throw new BufferOverflowException();
        }
        leaveBody();
        putAscii(verb, out);
        if (argumentLength > 0) {
            out.put((byte) ' ');
            if (ascii) {
                putAscii(argument, out);
            } else {
                out.put(utf8);
            }
        }
        out.put((byte) '\r').put((byte) '\n');
    }

    private void validate(Command command) {
        Objects.requireNonNull(command, "command");
        String argument = command.argument();
        if (argument.indexOf('\r') >= 0 || argument.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("command argument contains CR or LF");
        }
        if (inBody && !command.verb().equals(Verb.RSET)) {
            throw new IllegalStateException("command " + command.verb() + " inside DATA body");
        }
    }

    /** RSET abandons an open body. */
    private void leaveBody() {
        if (inBody) {
            inBody = false;
            stuffer.reset();
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void putAscii(String s, ByteBuffer out) {
        int n = s.length();
        if (out.hasArray()) { // straight into the array: one position update instead of one per byte
            byte[] array = out.array();
            int at = out.arrayOffset() + out.position();
            for (int i = 0; i < n; i++) {
                array[at + i] = (byte) s.charAt(i);
            }
            out.position(out.position() + n);
            return;
        }
        for (int i = 0; i < n; i++) {
            out.put((byte) s.charAt(i));
        }
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
     * Stuffs bytes of {@code in} into {@code out} until one is used up, as {@link DotStuffer#stuff(ByteBuffer,
     * ByteBuffer)}; allocates nothing.
     *
     * @throws IllegalStateException ("body chunk outside DATA") if no body is open
     */
    public void body(ByteBuffer in, ByteBuffer out) {
        if (!inBody) {
            throw new IllegalStateException("body chunk outside DATA");
        }
        stuffer.stuff(in, out);
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

    /**
     * Writes the terminator (as {@link #endBody()} returns it) into {@code out} and closes the body.
     *
     * @throws IllegalStateException ("body chunk outside DATA") if no body is open
     * @throws BufferOverflowException if {@code out} has fewer than {@link DotStuffer#MAX_TERMINATOR} octets of
     *     room; the body then stays open
     */
    public void endBody(ByteBuffer out) {
        if (!inBody) {
            throw new IllegalStateException("body chunk outside DATA");
        }
        if (out.remaining() < DotStuffer.MAX_TERMINATOR) {
            throw new BufferOverflowException();
        }
        stuffer.finish(out);
        inBody = false;
    }
}
