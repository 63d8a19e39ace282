package dev.pillarbox.smtp.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import dev.pillarbox.smtp.core.Verb;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
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

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final ByteBuffer CR_BYTE = ByteBuffer.wrap(new byte[] {CR}).asReadOnlyBuffer();

    private final CodecLimits limits;
    // upper-case verb -> its longer command-line limit; the widest of all bounds what a line may buffer
    private final Map<String, Integer> verbLines;
    private final int widestCommandLine;
    private final DotUnstuffer unstuffer;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    /** Units decided but not yet returned, e.g. the error after the body chunk that preceded it. */
    private final ArrayDeque<ServerInbound> ready = new ArrayDeque<>(4);

    private Mode mode = Mode.COMMAND;

    // COMMAND mode: the start of a line that did not fit in one input buffer (content only, no CR).
    private byte[] line = new byte[128];
    private int lineLength;
    private boolean lineNonAscii;
    /** The buffered part of the line ended with a CR whose LF has not arrived yet. */
    private boolean crPending;
    /** Throwing away the rest of a bad line, up to and including its CRLF. */
    private boolean discarding;
    private boolean discardSawCr;
    private boolean authLines;

    // DATA and BDAT mode.
    private boolean draining;
    private long messageBytes;
    private long bdatOctets;
    private long bdatRemaining;

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
        Map<String, Integer> lines = new HashMap<>();
        int widest = limits.commandLine();
        for (Map.Entry<Verb, Integer> e : longerCommandLines.entrySet()) {
            int limit = e.getValue();
            if (limit < limits.commandLine()) {
                throw new IllegalArgumentException("the command-line limit of " + e.getKey() + " (" + limit
                        + ") is below the commandLine limit " + limits.commandLine());
            }
            lines.put(e.getKey().name(), limit);
            widest = Math.max(widest, limit);
        }
        this.verbLines = Map.copyOf(lines);
        this.widestCommandLine = widest;
        long maxLineContent = limits.longLines() == LongLinePolicy.REJECT ? limits.textLine() - 2 : Long.MAX_VALUE;
        this.unstuffer = new DotUnstuffer(limits.lineEndings() == LineEndingPolicy.LENIENT_BODY, maxLineContent);
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
        if (!ready.isEmpty()) {
            return deliver();
        }
        switch (mode) {
            case DATA:
                return decodeData(in);
            case BDAT:
                return decodeBdat(in);
            default:
                return decodeCommand(in);
        }
    }

    /**
     * Switches from COMMAND to DATA mode; call it right after writing 354 (RFC 5321 4.1.1.4).
     *
     * @throws IllegalStateException if not in COMMAND mode or part of a command line is buffered
     */
    public void enterDataMode() {
        requireCommandBoundary("DATA");
        mode = Mode.DATA;
        unstuffer.reset();
        draining = false;
        messageBytes = 0;
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
        bdatOctets = octets;
        bdatRemaining = octets;
        messageBytes = 0;
    }

    /**
     * While on, command lines may be up to {@link CodecLimits#authLine()} octets instead of
     * {@link CodecLimits#commandLine()} (AUTH initial responses and continuation lines, RFC 4954).
     */
    public void useAuthLineLimit(boolean on) {
        authLines = on;
    }

    /**
     * Drops every partially received line, pending unit and body state and returns to COMMAND mode. Used after
     * STARTTLS: bytes sent before the TLS handshake must not be read as commands after it (RFC 3207 section 6).
     * The caller also clears its own buffer.
     */
    public void discardBuffered() {
        ready.clear();
        resetLine();
        discarding = false;
        discardSawCr = false;
        draining = false;
        unstuffer.reset();
        bdatRemaining = 0;
        mode = Mode.COMMAND;
    }

    /**
     * True when an incomplete unit is in progress: part of a command line (or of a bad line being discarded) is
     * held, a DATA body or BDAT chunk has not ended yet, or a decided unit has not been returned.
     */
    public boolean hasPartialInput() {
        return !ready.isEmpty() || mode != Mode.COMMAND || lineLength > 0 || crPending || discarding;
    }

    /** Octets of the current (or last) DATA body or BDAT chunk delivered so far, after dot-unstuffing. */
    public long messageBytes() {
        return messageBytes;
    }

    private void requireCommandBoundary(String what) {
        if (mode != Mode.COMMAND) {
            throw new IllegalStateException("cannot enter " + what + " mode in " + mode + " mode");
        }
        if (!ready.isEmpty() || lineLength > 0 || crPending || discarding) {
            throw new IllegalStateException("cannot enter " + what
                    + " mode: part of the next command line was already decoded");
        }
    }

    private ServerInbound deliver() {
        ServerInbound unit = ready.poll();
        if (unit instanceof EndOfBody) {
            mode = Mode.COMMAND;
            draining = false;
            unstuffer.reset();
        }
        return unit;
    }

    // ---------------------------------------------------------------------------------------------- COMMAND

    private ServerInbound decodeCommand(ByteBuffer in) {
        if (discarding && !discard(in)) {
            return null;
        }
        int start = in.position();
        int end = in.limit();
        if (start == end) {
            return null;
        }
        // lines may buffer up to the widest limit; a line's own verb then decides (lineLimit)
        int limit = authLines ? limits.authLine() : widestCommandLine;
        int maxContent = limit - 2; // RFC 5321 4.5.3.1.4: the limit includes CRLF
        if (crPending) { // the CR closing the buffered part arrived in an earlier buffer
            crPending = false;
            if (in.get(start) == LF) {
                in.position(start + 1);
                return finishBufferedLine();
            }
            return startDiscard(new BareLineEnding(Mode.COMMAND)); // the byte after the CR starts the discard
        }
        byte[] a = in.hasArray() ? in.array() : null;
        int off = a == null ? 0 : in.arrayOffset();
        boolean nonAscii = false;
        int room = maxContent - lineLength; // content bytes still allowed
        for (int i = start; i < end; i++) {
            byte b = a != null ? a[off + i] : in.get(i);
            if (b >= 0x20 && b != 0x7f) {
                if (i - start >= room) {
                    return tooLong(in, start, i);
                }
                continue;
            }
            if (b < 0) {
                nonAscii = true; // UTF-8, checked when the line is complete (RFC 6531)
                if (i - start >= room) {
                    return tooLong(in, start, i);
                }
                continue;
            }
            if (b == CR) {
                if (i + 1 == end) {
                    append(in, start, i, nonAscii);
                    crPending = true;
                    in.position(end);
                    return null;
                }
                byte next = a != null ? a[off + i + 1] : in.get(i + 1);
                if (next == LF) {
                    in.position(i + 2);
                    if (lineLength == 0 && a != null) {
                        return complete(a, off + start, i - start, nonAscii);
                    }
                    append(in, start, i, nonAscii);
                    return finishBufferedLine();
                }
                in.position(i + 1); // bare CR: the byte after it is the first one discarded
                return startDiscard(new BareLineEnding(Mode.COMMAND));
            }
            if (b == LF) {
                in.position(i + 1);
                return startDiscard(new BareLineEnding(Mode.COMMAND));
            }
            if (b != '\t') { // NUL and other controls have no place in a command (RFC 5321 4.1.1)
                in.position(i + 1);
                return startDiscard(new InvalidCommandBytes());
            }
            if (i - start >= room) {
                return tooLong(in, start, i);
            }
        }
        append(in, start, end, nonAscii);
        in.position(end);
        return null;
    }

    private void append(ByteBuffer in, int from, int to, boolean nonAscii) {
        int n = to - from;
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + n, line.length * 2));
        }
        in.get(from, line, lineLength, n);
        lineLength += n;
        lineNonAscii |= nonAscii;
    }

    private ServerInbound finishBufferedLine() {
        ServerInbound unit = complete(line, 0, lineLength, lineNonAscii);
        resetLine();
        return unit;
    }

    /** A whole line (consumed through its CRLF): a command line, or too long for its verb. */
    private ServerInbound complete(byte[] bytes, int from, int length, boolean nonAscii) {
        if (!authLines && length + 2 > limits.commandLine()) {
            int verbLimit = lineLimit(bytes, from, length);
            if (length + 2 > verbLimit) {
                return new LineTooLong(Mode.COMMAND, verbLimit);
            }
        }
        return line(bytes, from, length, nonAscii);
    }

    /**
     * The line outgrew the widest limit at {@code in[end]}: reported with the limit of its own verb (read from the
     * line's start, buffered with the bytes before {@code end}), then discarded through its CRLF.
     */
    private ServerInbound tooLong(ByteBuffer in, int start, int end) {
        in.position(end + 1);
        if (authLines) {
            return startDiscard(new LineTooLong(Mode.COMMAND, limits.authLine()));
        }
        append(in, start, end, false);
        return startDiscard(new LineTooLong(Mode.COMMAND, lineLimit(line, 0, lineLength)));
    }

    /** The command-line limit of the line's verb: the text before its first space. */
    private int lineLimit(byte[] bytes, int from, int length) {
        if (verbLines.isEmpty()) {
            return limits.commandLine();
        }
        int end = from;
        while (end < from + length && bytes[end] != ' ') {
            end++;
        }
        String verb = new String(bytes, from, end - from, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        return verbLines.getOrDefault(verb, limits.commandLine());
    }

    private ServerInbound line(byte[] bytes, int from, int length, boolean nonAscii) {
        if (!nonAscii) {
            return new CommandLine(new String(bytes, from, length, StandardCharsets.ISO_8859_1));
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes, from, length));
            return new CommandLine(chars.toString());
        } catch (CharacterCodingException e) {
            return new InvalidCommandBytes(); // not UTF-8: the line is already consumed through its CRLF
        }
    }

    private ServerInbound startDiscard(ServerInbound error) {
        resetLine();
        discarding = true;
        discardSawCr = false;
        return error;
    }

    private void resetLine() {
        lineLength = 0;
        lineNonAscii = false;
        crPending = false;
        if (line.length > 4096) {
            line = new byte[128]; // do not keep an AUTH-sized buffer per idle connection
        }
    }

    /** Skips through the next CRLF; true when found (the position is then just after it). */
    private boolean discard(ByteBuffer in) {
        int end = in.limit();
        for (int i = in.position(); i < end; i++) {
            byte b = in.get(i);
            if (b == LF && discardSawCr) {
                in.position(i + 1);
                discarding = false;
                discardSawCr = false;
                return true;
            }
            discardSawCr = b == CR;
        }
        in.position(end);
        return false;
    }

    // ---------------------------------------------------------------------------------------------- DATA

    private ServerInbound decodeData(ByteBuffer in) {
        while (true) {
            int from = in.position();
            DotUnstuffer.Stop stop = unstuffer.scan(in, from, in.limit());
            int runEnd = unstuffer.runEnd();
            in.position(unstuffer.resume());
            if (runEnd > from) {
                body(in.slice(from, runEnd - from).asReadOnlyBuffer());
            }
            switch (stop) {
                case CARRIED_CR:
                    body(CR_BYTE.duplicate());
                    break;
                case BARE_CR:
                case BARE_LF:
                    fail(new BareLineEnding(Mode.DATA));
                    break;
                case LINE_TOO_LONG:
                    fail(new LineTooLong(Mode.DATA, limits.textLine()));
                    break;
                case END:
                    ready.add(new EndOfBody(messageBytes));
                    break;
                default:
                    break;
            }
            if (!ready.isEmpty()) {
                return deliver();
            }
            if (stop == DotUnstuffer.Stop.NEED_INPUT) {
                return null;
            }
        }
    }

    /** Queues body data unless the body is being drained; enforces the message size limit. */
    private void body(ByteBuffer data) {
        if (draining) {
            return;
        }
        long room = limits.maxMessageSize() - messageBytes;
        int n = data.remaining();
        if (n > room) {
            if (room > 0) {
                data.limit((int) room);
                ready.add(new BodyChunk(data));
                messageBytes += room;
            }
            fail(new MessageTooLarge(limits.maxMessageSize()));
            return;
        }
        ready.add(new BodyChunk(data));
        messageBytes += n;
    }

    /** Reports the first violation of a body; later ones are drained silently up to CRLF.CRLF. */
    private void fail(ServerInbound error) {
        if (!draining) {
            draining = true;
            ready.add(error);
        }
    }

    // ---------------------------------------------------------------------------------------------- BDAT

    private ServerInbound decodeBdat(ByteBuffer in) {
        if (bdatRemaining == 0) {
            mode = Mode.COMMAND;
            return new EndOfChunk(bdatOctets);
        }
        int n = (int) Math.min(bdatRemaining, in.remaining());
        if (n == 0) {
            return null;
        }
        int from = in.position();
        ByteBuffer chunk = in.slice(from, n).asReadOnlyBuffer();
        in.position(from + n);
        bdatRemaining -= n;
        messageBytes += n;
        return new BodyChunk(chunk);
    }
}
