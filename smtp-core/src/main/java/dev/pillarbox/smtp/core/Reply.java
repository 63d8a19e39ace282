package dev.pillarbox.smtp.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SMTP reply: a {@link ReplyCode}, an optional {@link EnhancedStatusCode} and one or more text lines
 * (RFC 5321 4.2). Immutable; made by the static factories. Standard wordings live in {@link Replies}.
 *
 * <p>Text lines may not contain CR or LF. When an enhanced status code is present its class must match
 * the reply code's first digit (RFC 2034 section 4), and 3yz replies carry none.
 */
public final class Reply {

    private final ReplyCode code;
    private final EnhancedStatusCode enhancedCode;
    private final List<String> lines;

    private Reply(ReplyCode code, EnhancedStatusCode enhancedCode, List<String> lines) {
        this.code = Objects.requireNonNull(code, "code");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        for (String line : lines) {
            Objects.requireNonNull(line, "reply line");
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\r' || c == '\n') {
                    throw new IllegalArgumentException("reply text contains CR or LF: \"" + line.replace("\r", "\\r").replace("\n", "\\n") + "\"");
                }
            }
        }
        if (enhancedCode != null && enhancedCode.codeClass() != code.category().digit()) {
            throw new IllegalArgumentException("enhanced status code " + enhancedCode
                    + " does not match the class of reply code " + code + " (RFC 2034 section 4)");
        }
        this.enhancedCode = enhancedCode;
        this.lines = List.copyOf(lines);
    }

    /** A single-line reply, e.g. {@code Reply.of(250, "OK")}. */
    public static Reply of(int code, String text) {
        return new Reply(ReplyCode.of(code), null, List.of(text));
    }

    /** A single-line reply with an enhanced status code. */
    public static Reply of(int code, EnhancedStatusCode enhancedCode, String text) {
        return new Reply(ReplyCode.of(code), Objects.requireNonNull(enhancedCode, "enhancedCode"), List.of(text));
    }

    /** A single-line reply; {@code enhancedCode} may be null. */
    public static Reply of(ReplyCode code, EnhancedStatusCode enhancedCode, String text) {
        return new Reply(code, enhancedCode, List.of(text));
    }

    /** A single-line reply with the enhanced code given as text, e.g. {@code Reply.of(550, "5.1.1", "No such user")}. */
    public static Reply of(int code, String enhancedCode, String text) {
        return new Reply(ReplyCode.of(code), EnhancedStatusCode.parse(enhancedCode), List.of(text));
    }

    /** A reply of one or more lines, e.g. an EHLO response. */
    public static Reply multiline(int code, List<String> lines) {
        return new Reply(ReplyCode.of(code), null, lines);
    }

    /** A reply of one or more lines; {@code enhancedCode} may be null and then no line carries one. */
    public static Reply multiline(ReplyCode code, EnhancedStatusCode enhancedCode, List<String> lines) {
        return new Reply(code, enhancedCode, lines);
    }

    /** The reply code. */
    public ReplyCode code() {
        return code;
    }

    /** The enhanced status code, if this reply has one. */
    public Optional<EnhancedStatusCode> enhancedCode() {
        return Optional.ofNullable(enhancedCode);
    }

    /** The text lines, without code or enhanced code; never empty. */
    public List<String> lines() {
        return lines;
    }

    /** The first text line. */
    public String text() {
        return lines.get(0);
    }

    /** This reply with {@code enhancedCode} (replacing any it had). */
    public Reply withEnhancedCode(EnhancedStatusCode enhancedCode) {
        return new Reply(code, enhancedCode, lines);
    }

    /** This reply without an enhanced status code, e.g. for a client that was not offered ENHANCEDSTATUSCODES. */
    public Reply withoutEnhancedCode() {
        return enhancedCode == null ? this : new Reply(code, null, lines);
    }

    /** True for 2yz and 3yz replies. */
    public boolean isPositive() {
        return code.isPositive();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Reply)) {
            return false;
        }
        Reply other = (Reply) o;
        return code.equals(other.code) && Objects.equals(enhancedCode, other.enhancedCode)
                && lines.equals(other.lines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, enhancedCode, lines);
    }

    /** The reply as it appears on the wire, lines joined by CRLF, without the final CRLF. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                sb.append("\r\n");
            }
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhancedCode != null) {
                sb.append(enhancedCode).append(' ');
            }
            sb.append(lines.get(i));
        }
        return sb.toString();
    }
}
