package dev.pillarbox.smtp.codec;

import java.nio.ByteBuffer;

/**
 * The DATA body state machine: removes dot-stuffing (RFC 5321 4.5.2), finds the end of data at exactly
 * CRLF.CRLF (4.1.1.4) and spots bare CR and bare LF, without copying: each {@link #scan} reports a run of input
 * bytes that are body data unchanged ({@code [from, runEnd)}) and why the run stopped.
 *
 * <p>A line start is the start of the body or the byte after a CRLF; nothing else (not a bare LF, not a bare
 * CR) starts a line, so LF.LF, CR.CR, LF.CRLF and friends never end a message. Plain text inside a line is
 * skipped eight bytes at a time ({@link Swar}).
 */
final class DotUnstuffer {

    /** Where the machine stands; the dot of DOT/DOT_CR and the CR of CR/DOT_CR are not yet output. */
    enum State { LINE_START, DOT, DOT_CR, CR, IN_LINE, DONE }

    /** Why a scan stopped. */
    enum Stop {
        /** All input was scanned; more is needed. */
        NEED_INPUT,
        /** A leading dot was removed; scanning continues after it. */
        STUFFED_DOT,
        /** A CR held back from an earlier buffer turned out to be data: output one CR, then continue. */
        CARRIED_CR,
        /** CRLF.CRLF: the body ended; the CRLF before the dot was already output as data. */
        END,
        /** A CR not followed by LF (only reported under the strict policy). */
        BARE_CR,
        /** An LF not preceded by CR (only reported under the strict policy). */
        BARE_LF,
        /** A text line grew over the limit (reported once per body). */
        LINE_TOO_LONG
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final boolean lenient;
    private final long lineLimit;
    private State state = State.LINE_START;
    /** The CR behind state CR or DOT_CR lies in an earlier buffer and has not been output. */
    private boolean carried;
    private long lineLength;
    private long maxLineContent;
    private int runEnd;
    private int resume;

    /**
     * @param lenient bare CR and LF are data rather than reported
     * @param maxLineContent longest text line without CRLF, or {@code Long.MAX_VALUE} for no check
     */
    DotUnstuffer(boolean lenient, long maxLineContent) {
        this.lenient = lenient;
        this.lineLimit = maxLineContent;
        this.maxLineContent = maxLineContent;
    }

    /** Back to the start of a body. */
    void reset() {
        state = State.LINE_START;
        carried = false;
        lineLength = 0;
        maxLineContent = lineLimit;
    }

    State state() {
        return state;
    }

    /** End (exclusive) of the data run of the last scan; the run starts where that scan started. */
    int runEnd() {
        return runEnd;
    }

    /** Where the next scan starts. */
    int resume() {
        return resume;
    }

    /** Scans {@code in[from, to)} (absolute indexes) up to the first event. */
    Stop scan(ByteBuffer in, int from, int to) {
        if (from >= to) {
            return stop(Stop.NEED_INPUT, from, from);
        }
        if (carried) {
            return resolveCarried(in.get(from), from);
        }
        int i = from;
        while (i < to) {
            switch (state) {
                case IN_LINE: {
                    int j = Swar.indexOfCrOrLf(in, i, to);
                    long length = lineLength + (j - i);
                    while (length <= maxLineContent && j + 2 < to && in.get(j) == CR && in.get(j + 1) == LF
                            && in.get(j + 2) != '.') {
                        // hot path: CRLF then an ordinary line start, so stay IN_LINE without a state change
                        i = j + 2;
                        j = Swar.indexOfCrOrLf(in, i, to);
                        length = j - i;
                    }
                    if (length > maxLineContent) {
                        // a lenient bare CR/LF may already have pushed lineLength past the limit: report here
                        int over = (int) Math.max(i, j - (length - maxLineContent));
                        lineLength = maxLineContent;
                        maxLineContent = Long.MAX_VALUE; // once per body
                        return stop(Stop.LINE_TOO_LONG, over, over);
                    }
                    lineLength = length;
                    if (j == to) {
                        i = j;
                    } else if (in.get(j) == CR) {
                        state = State.CR;
                        i = j + 1;
                    } else if (!lenient) {
                        return stop(Stop.BARE_LF, j, j + 1);
                    } else {
                        lineLength++; // a bare LF is data inside the line
                        i = j + 1;
                    }
                    break;
                }
                case CR: {
                    if (in.get(i) == LF) {
                        state = State.LINE_START;
                        lineLength = 0;
                        i++;
                    } else if (!lenient) {
                        state = State.IN_LINE;
                        return stop(Stop.BARE_CR, i - 1, i);
                    } else {
                        state = State.IN_LINE; // the bare CR is data; look at this byte again
                        lineLength++;
                    }
                    break;
                }
                case LINE_START:
                    if (in.get(i) == '.') {
                        state = State.DOT; // RFC 5321 4.5.2: drop the leading dot
                        return stop(Stop.STUFFED_DOT, i, i + 1);
                    }
                    state = State.IN_LINE;
                    break;
                case DOT:
                    if (in.get(i) == CR) {
                        state = State.DOT_CR;
                        i++;
                    } else {
                        state = State.IN_LINE; // the dot was stuffing; this byte is the line's first
                    }
                    break;
                case DOT_CR: {
                    byte b = in.get(i);
                    if (b == LF) {
                        state = State.DONE;
                        return stop(Stop.END, i - 1, i + 1);
                    }
                    state = State.IN_LINE;
                    if (!lenient) {
                        return stop(Stop.BARE_CR, i - 1, i);
                    }
                    lineLength = 1; // ".\rX": dot dropped, the CR is data
                    break;
                }
                default:
                    throw new IllegalStateException("body already ended");
            }
        }
        if (state == State.CR || state == State.DOT_CR) {
            carried = true; // hold the CR back until we know whether an LF follows
            return stop(Stop.NEED_INPUT, to - 1, to);
        }
        return stop(Stop.NEED_INPUT, to, to);
    }

    private Stop resolveCarried(byte next, int at) {
        carried = false;
        if (state == State.CR) {
            if (next != LF && !lenient) {
                state = State.IN_LINE;
                return stop(Stop.BARE_CR, at, at);
            }
            return stop(Stop.CARRIED_CR, at, at); // state stays CR: the next scan consumes `next`
        }
        if (next == LF) {
            state = State.DONE;
            return stop(Stop.END, at, at + 1);
        }
        state = State.IN_LINE;
        if (!lenient) {
            return stop(Stop.BARE_CR, at, at);
        }
        lineLength = 1;
        return stop(Stop.CARRIED_CR, at, at);
    }

    private Stop stop(Stop stop, int runEnd, int resume) {
        this.runEnd = runEnd;
        this.resume = resume;
        return stop;
    }
}
