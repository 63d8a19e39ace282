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
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        length = 0;
        if (text.length() < 3 || !digit(text.charAt(0)) || !digit(text.charAt(1)) || !digit(text.charAt(2))) {
            throw failLine("reply line does not start with a three-digit code: \"" + text + "\"");
        }
        int lineCode = Integer.parseInt(text.substring(0, 3));
        if (code >= 0 && lineCode != code) {
            int first = code;
            throw failLine("reply code " + lineCode + " differs from " + first + " on the previous line");
        }
        boolean last;
        if (text.length() == 3) {
            last = true; // RFC 5321 4.2: Reply-code [ SP textstring ] CRLF
        } else if (text.charAt(3) == ' ') {
            last = true;
        } else if (text.charAt(3) == '-') {
            last = false;
        } else {
            throw failLine("reply code " + lineCode + " is followed by '" + text.charAt(3)
                    + "' instead of a space or hyphen");
        }
        code = lineCode;
        lines.add(text.length() > 4 ? text.substring(4) : "");
        if (!last) {
            return null;
        }
        List<String> texts = List.copyOf(lines);
        lines.clear();
        code = -1;
        ReplyCode replyCode;
        try {
            replyCode = ReplyCode.of(lineCode);
        } catch (IllegalArgumentException e) {
            throw new MalformedReplyException("reply code " + lineCode + " is out of range: " + e.getMessage());
        }
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
}
