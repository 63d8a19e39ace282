package dev.pillarbox.smtp.codec;

import dev.pillarbox.smtp.core.EnhancedStatusCode;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReplyCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Client-side reply decoder: aggregates the lines of a multi-line reply ({@code 250-...} up to {@code 250 ...},
 * RFC 5321 4.2.1) into one {@link Reply}. Lines must end with CRLF and be at most 512 octets including it
 * (4.5.3.1.5) unless another limit is given. When every line starts with the same enhanced status code whose
 * class matches the reply (RFC 2034), it is parsed out of the text. Not thread-safe.
 *
 * <p>A malformed reply throws {@link MalformedReplyException}; the lines gathered so far are dropped, the rest
 * of the offending line is skipped, and decoding resumes at the next line.
 */
public final class ReplyDecoder {

    private final int maxLine;
    private final List<String> lines = new ArrayList<>();
    private byte[] line;
    private int length;
    private boolean crPending;
    private boolean discarding;
    private boolean discardSawCr;
    private int code = -1;

    /** A decoder with the RFC 5321 line limit of 512 octets. */
    public ReplyDecoder() {
        this(ReplyEncoder.MAX_LINE);
    }

    /**
     * A decoder with another line limit.
     *
     * @param maxLine maximum reply line length including CRLF, at least 5 ("250" CRLF)
     */
    public ReplyDecoder(int maxLine) {
        if (maxLine < 5) {
            throw new IllegalArgumentException("reply line limit " + maxLine + " is below 5 octets");
        }
        this.maxLine = maxLine;
        this.line = new byte[maxLine];
    }

    /**
     * Decodes the next complete reply from {@code in}.
     *
     * @return the reply, or null when more input is needed
     * @throws MalformedReplyException naming the problem; the decoder resynchronises at the next line
     */
    public Reply decode(ByteBuffer in) throws MalformedReplyException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (discarding) {
                if (b == '\n' && discardSawCr) {
                    discarding = false;
                }
                discardSawCr = b == '\r';
                continue;
            }
            if (crPending) {
                crPending = false;
                if (b != '\n') {
                    in.position(in.position() - 1); // the byte after the bare CR is skipped with the line
                    throw fail("bare CR in reply line");
                }
                Reply reply = endOfLine();
                if (reply != null) {
                    return reply;
                }
                continue;
            }
            if (b == '\r') {
                crPending = true;
            } else if (b == '\n') {
                throw fail("bare LF in reply line");
            } else if (length + 2 >= maxLine) {
                throw fail("reply line longer than " + maxLine + " octets");
            } else {
                line[length++] = b;
            }
        }
        return null;
    }

    /**
     * What has arrived of a reply that is not complete yet, for a diagnostic when the connection ends or times out:
     * the finished lines of a multi-line reply ({@code 250-...}, CRLF-separated) and the unfinished line; empty when
     * the decoder is between replies. Bytes that are not UTF-8 show as U+FFFD.
     */
    public String partialReply() {
        StringBuilder sb = new StringBuilder();
        for (String text : lines) {
            sb.append(code).append('-').append(text).append("\r\n");
        }
        sb.append(new String(line, 0, length, StandardCharsets.UTF_8));
        if (crPending) {
            sb.append('\r');
        }
        return sb.toString();
    }

    private MalformedReplyException fail(String message) {
        lines.clear();
        code = -1;
        length = 0;
        crPending = false;
        discarding = true; // skip the rest of the offending line, through its CRLF
        discardSawCr = false;
        return new MalformedReplyException(message);
    }

    private MalformedReplyException failLine(String message) {
        // the whole line (with its CRLF) was consumed already
        lines.clear();
        code = -1;
        length = 0;
        return new MalformedReplyException(message);
    }

    private Reply endOfLine() throws MalformedReplyException {
        int n = length;
        length = 0;
        if (n < 3 || !digit(line[0]) || !digit(line[1]) || !digit(line[2])) {
            throw failLine("reply line does not start with a three-digit code: \""
                    + new String(line, 0, n, StandardCharsets.UTF_8) + "\"");
        }
        int lineCode = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        if (code >= 0 && lineCode != code) {
            int first = code;
            throw failLine("reply code " + lineCode + " differs from " + first + " on the previous line");
        }
        boolean last;
        if (n == 3) {
            last = true; // RFC 5321 4.2: Reply-code [ SP textstring ] CRLF
        } else if (line[3] == ' ') {
            last = true;
        } else if (line[3] == '-') {
            last = false;
        } else {
            throw failLine("reply code " + lineCode + " is followed by '"
                    + new String(line, 3, 1, StandardCharsets.UTF_8) + "' instead of a space or hyphen");
        }
        if (!last) {
            code = lineCode;
            lines.add(n > 4 ? new String(line, 4, n - 4, StandardCharsets.UTF_8) : "");
            return null;
        }
        ReplyCode replyCode;
        try {
            replyCode = ReplyCode.of(lineCode);
        } catch (IllegalArgumentException e) {
            lines.clear();
            code = -1;
            throw new MalformedReplyException("reply code " + lineCode + " is out of range: " + e.getMessage());
        }
        if (lines.isEmpty()) {
            return singleLine(replyCode, n);
        }
        lines.add(n > 4 ? new String(line, 4, n - 4, StandardCharsets.UTF_8) : "");
        List<String> texts = List.copyOf(lines);
        lines.clear();
        code = -1;
        EnhancedStatusCode enhanced = commonEnhancedCode(texts, replyCode);
        if (enhanced == null) {
            return Reply.multiline(replyCode, null, texts);
        }
        List<String> stripped = new ArrayList<>(texts.size());
        for (String t : texts) {
            int sp = t.indexOf(' ');
            stripped.add(sp < 0 ? "" : t.substring(sp + 1));
        }
        return Reply.multiline(replyCode, enhanced, stripped);
    }

    /**
     * A one-line reply, the common case, decoded straight from the line's bytes: the enhanced status code (when the
     * text starts with one that matches the reply's class, as {@link #commonEnhancedCode} requires) and the text as
     * one string each.
     */
    private Reply singleLine(ReplyCode replyCode, int n) {
        code = -1;
        int at = 4;
        int codeClass = at < n ? line[at] - '0' : -1;
        int subject = -1;
        int detail = -1;
        int end = -1;
        // RFC 3463 classes are 2, 4 and 5; a 3yz reply carries none (RFC 2034 4)
        if (codeClass == replyCode.category().digit() && codeClass != 3 && at + 1 < n && line[at + 1] == '.') {
            int subjectEnd = number(at + 2, n);
            if (subjectEnd > 0 && subjectEnd < n && line[subjectEnd] == '.') {
                int detailEnd = number(subjectEnd + 1, n);
                if (detailEnd > 0 && (detailEnd == n || line[detailEnd] == ' ')) {
                    subject = value(at + 2, subjectEnd);
                    detail = value(subjectEnd + 1, detailEnd);
                    end = detailEnd;
                }
            }
        }
        if (end < 0) {
            return Reply.of(replyCode, null, n > 4 ? new String(line, 4, n - 4, StandardCharsets.UTF_8) : "");
        }
        String text = end + 1 < n ? new String(line, end + 1, n - end - 1, StandardCharsets.UTF_8) : "";
        return Reply.of(replyCode, EnhancedStatusCode.of(codeClass, subject, detail), text);
    }

    /**
     * The end of an RFC 3463 number (1 to 3 digits, no leading zero) starting at {@code from}, or -1 if there is
     * none there.
     */
    private int number(int from, int n) {
        int i = from;
        while (i < n && i - from < 4 && digit(line[i])) {
            i++;
        }
        int digits = i - from;
        if (digits == 0 || digits > 3 || (digits > 1 && line[from] == '0')) {
            return -1;
        }
        return i;
    }

    private int value(int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (line[i] - '0');
        }
        return v;
    }

    /** The enhanced status code every line starts with, if they share one matching the reply class. */
    private static EnhancedStatusCode commonEnhancedCode(List<String> texts, ReplyCode replyCode) {
        EnhancedStatusCode common = null;
        for (String t : texts) {
            int sp = t.indexOf(' ');
            String candidate = sp < 0 ? t : t.substring(0, sp);
            if (candidate.isEmpty() || !digit(candidate.charAt(0))) {
                return null;
            }
            EnhancedStatusCode parsed;
            try {
                parsed = EnhancedStatusCode.parse(candidate);
            } catch (IllegalArgumentException e) {
                return null; // plain text that happens to start with a digit
            }
            if (common != null && !common.equals(parsed)) {
                return null;
            }
            common = parsed;
        }
        if (common == null || common.codeClass() != replyCode.category().digit()) {
            return null;
        }
        return common;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
