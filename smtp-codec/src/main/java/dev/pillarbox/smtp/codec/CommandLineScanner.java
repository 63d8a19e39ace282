package dev.pillarbox.smtp.codec;

import dev.pillarbox.smtp.codec.ServerDecoder.Mode;
import dev.pillarbox.smtp.core.Verb;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link ServerDecoder}'s COMMAND mode: splits the byte stream into CRLF-terminated command lines (RFC 5321 2.3.8,
 * 4.1.1) within their limits (4.5.3.1.4: the command-line limit, a verb's longer limit, or the AUTH line limit),
 * reports bare CR, bare LF, control bytes, invalid UTF-8 and over-long lines as units, and discards an offending line
 * through its next CRLF. A line that does not end in one input buffer is kept here until it does.
 */
final class CommandLineScanner {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final CodecLimits limits;
    // upper-case verb -> its longer command-line limit; the widest of all bounds what a line may buffer
    private final Map<String, Integer> verbLines;
    private final int widestCommandLine;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();

    // The start of a line that did not fit in one input buffer (content only, no CR).
    private byte[] line = new byte[128];
    private int lineLength;
    private boolean lineNonAscii;
    /** The buffered part of the line ended with a CR whose LF has not arrived yet. */
    private boolean crPending;
    /** Throwing away the rest of a bad line, up to and including its CRLF. */
    private boolean discarding;
    private boolean discardSawCr;
    private boolean authLines;

    /** See {@link ServerDecoder#ServerDecoder(CodecLimits, Map)}. */
    CommandLineScanner(CodecLimits limits, Map<Verb, Integer> longerCommandLines) {
        this.limits = limits;
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
    }

    /** While on, lines may be up to {@link CodecLimits#authLine()} octets (RFC 4954). */
    void useAuthLineLimit(boolean on) {
        authLines = on;
    }

    /** True while part of a line, or of a bad line being discarded, is held. */
    boolean hasPartialLine() {
        return lineLength > 0 || crPending || discarding;
    }

    /** Drops the partial line and any discard in progress (after STARTTLS, RFC 3207 section 6). */
    void reset() {
        resetLine();
        discarding = false;
        discardSawCr = false;
    }

    /**
     * The next unit of COMMAND mode from {@code in}: a {@link CommandLine}, {@link LineTooLong},
     * {@link BareLineEnding} or {@link InvalidCommandBytes}, or null when {@code in} is used up (a partial line is
     * then kept, bounded by the line limit). Advances {@code in}'s position only past the returned unit's bytes.
     */
    ServerInbound decode(ByteBuffer in) {
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
}
