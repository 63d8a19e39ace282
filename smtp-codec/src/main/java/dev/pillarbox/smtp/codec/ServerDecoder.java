package dev.pillarbox.smtp.codec;

import dev.pillarbox.smtp.core.Verb;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * The server side of the SMTP line codec: fed arbitrary slices of the byte stream from a client, it yields
 * {@link ServerInbound} units one at a time. One instance per connection; not thread-safe.
 *
 * <p>Three modes, switched by the caller at the exact byte where the protocol switches:
 * <ul>
 *   <li>{@link Mode#COMMAND}: CRLF-terminated command lines (RFC 5321 2.3.8, 4.1.1), at most
 *       {@link CodecLimits#commandLine()} octets (4.5.3.1.4), or the longer limit given for the line's verb (an
 *       extension's parameters, e.g. DSN's on RCPT). Bare CR, bare LF, control bytes and over-long lines are reported
 *       as units, and the offending line is discarded through its next CRLF.</li>
 *   <li>{@link Mode#DATA}, entered by {@link #enterDataMode()} after the server wrote 354: the body with
 *       dot-stuffing removed (4.5.2), ending at exactly CRLF.CRLF (4.1.1.4). Body bytes are handed out as
 *       read-only slices of the caller's buffer wherever no byte changes, so the decoder never holds body
 *       bytes and memory stays flat for any message size.</li>
 *   <li>{@link Mode#BDAT}, entered by {@link #enterBdatMode(long)}: exactly N octets untouched (RFC 3030).</li>
 * </ul>
 *
 * <p>{@link #decode(ByteBuffer)} advances the buffer's position only past the bytes of the unit it returns,
 * so bytes that arrived in the same read as {@code DATA}, {@code BDAT} or {@code STARTTLS} are never read in
 * the wrong mode. It never throws for any input bytes.
 *
 * <p>This class holds the mode and its switches; {@link CommandLineScanner} reads COMMAND mode, {@link BodyDecoder}
 * DATA and BDAT.
 */
public final class ServerDecoder {

    /** The decoder's mode. */
    public enum Mode {
        /** Command lines. */
        COMMAND,
        /** A DATA body (dot-stuffed, ends at CRLF.CRLF). */
        DATA,
        /** A BDAT chunk of a known size (RFC 3030). */
        BDAT
    }

    private final CodecLimits limits;
    private final CommandLineScanner commands;
    private final BodyDecoder body;

    private Mode mode = Mode.COMMAND;

    /** A decoder in {@link Mode#COMMAND} mode with {@code limits}. */
    public ServerDecoder(CodecLimits limits) {
        this(limits, Map.of());
    }

    /**
     * A decoder in {@link Mode#COMMAND} mode with {@code limits}, where the command lines of the verbs in
     * {@code longerCommandLines} may be up to their own limit (octets, CRLF included) instead of
     * {@link CodecLimits#commandLine()}: RFC 5321 4.5.3.1.4 lets extensions raise it for the commands whose parameters
     * they add, e.g. MAIL for SIZE and AUTH=, RCPT for DSN's ORCPT. Every other verb keeps the command-line limit.
     *
     * @throws IllegalArgumentException if a verb's limit is below {@link CodecLimits#commandLine()}
     */
    public ServerDecoder(CodecLimits limits, Map<Verb, Integer> longerCommandLines) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.commands = new CommandLineScanner(limits, longerCommandLines);
        this.body = new BodyDecoder(limits);
    }

    /** The limits this decoder applies. */
    public CodecLimits limits() {
        return limits;
    }

    /** The current mode. */
    public Mode mode() {
        return mode;
    }

    /**
     * Decodes the next unit from {@code in}, advancing its position only past that unit's bytes.
     *
     * @return the next unit, or null when {@code in} is used up and more input is needed (a partial command line
     *     is then kept internally, bounded by the line limit)
     */
    public ServerInbound decode(ByteBuffer in) {
        Objects.requireNonNull(in, "in");
        ServerInbound unit;
        if (body.hasPending()) {
            unit = body.next();
        } else {
            switch (mode) {
                case DATA:
                    unit = body.decodeData(in);
                    break;
                case BDAT:
                    unit = body.decodeBdat(in);
                    break;
                default:
                    return commands.decode(in);
            }
        }
        if (unit instanceof EndOfBody || unit instanceof EndOfChunk) {
            mode = Mode.COMMAND;
        }
        return unit;
    }

    /**
     * Switches from COMMAND to DATA mode; call it right after writing 354 (RFC 5321 4.1.1.4).
     *
     * @throws IllegalStateException if not in COMMAND mode or part of a command line is buffered
     */
    public void enterDataMode() {
        requireCommandBoundary("DATA");
        mode = Mode.DATA;
        body.startData();
    }

    /**
     * Switches from COMMAND to BDAT mode: the next {@code octets} bytes are passed through as {@link BodyChunk}s,
     * then {@link EndOfChunk} is returned and the mode is COMMAND again (RFC 3030 section 2).
     *
     * @throws IllegalArgumentException if {@code octets} is negative
     * @throws IllegalStateException if not in COMMAND mode or part of a command line is buffered
     */
    public void enterBdatMode(long octets) {
        if (octets < 0) {
            throw new IllegalArgumentException("BDAT chunk size " + octets + " is negative");
        }
        requireCommandBoundary("BDAT");
        mode = Mode.BDAT;
        body.startChunk(octets);
    }

    /**
     * While on, command lines may be up to {@link CodecLimits#authLine()} octets instead of
     * {@link CodecLimits#commandLine()} (AUTH initial responses and continuation lines, RFC 4954).
     */
    public void useAuthLineLimit(boolean on) {
        commands.useAuthLineLimit(on);
    }

    /**
     * Drops every partially received line, pending unit and body state and returns to COMMAND mode. Used after
     * STARTTLS: bytes sent before the TLS handshake must not be read as commands after it (RFC 3207 section 6).
     * The caller also clears its own buffer.
     */
    public void discardBuffered() {
        body.reset();
        commands.reset();
        mode = Mode.COMMAND;
    }

    /**
     * True when an incomplete unit is in progress: part of a command line (or of a bad line being discarded) is
     * held, a DATA body or BDAT chunk has not ended yet, or a decided unit has not been returned.
     */
    public boolean hasPartialInput() {
        return body.hasPending() || mode != Mode.COMMAND || commands.hasPartialLine();
    }

    /** Octets of the current (or last) DATA body or BDAT chunk delivered so far, after dot-unstuffing. */
    public long messageBytes() {
        return body.messageBytes();
    }

    private void requireCommandBoundary(String what) {
        if (mode != Mode.COMMAND) {
            throw new IllegalStateException("cannot enter " + what + " mode in " + mode + " mode");
        }
        if (body.hasPending() || commands.hasPartialLine()) {
            throw new IllegalStateException("cannot enter " + what
                    + " mode: part of the next command line was already decoded");
        }
    }
}
