package dev.pillarbox.smtp.plugins.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A header field a message hook adds or changes (RFC 5322 2.2): a name and an unfolded value. Both are checked
 * here, at the edge, so that no hook can inject a line: the name is 1 to 76 printable US-ASCII characters other than
 * the colon (the field name and its colon fit a 78-character line), the value has no CR, LF or NUL (other control
 * characters than TAB are refused too). Non-ASCII text in the value is written as UTF-8 (RFC 6532); encode it with
 * RFC 2047 encoded words for recipients that do not speak SMTPUTF8. {@link #render()} folds the value at its
 * spaces so that lines stay within 78 characters where the words allow (RFC 5322 2.1.1, 2.2.3).
 *
 * @param name the field name, e.g. {@code X-Spam-Score}
 * @param value the unfolded value, without the space after the colon
 */
public record HeaderField(String name, String value) {

    /** The longest field name: with its colon and a space it fits a 78-character line. */
    public static final int MAX_NAME_LENGTH = 76;
    /** RFC 5322 2.1.1: lines should be at most 78 characters without CRLF. */
    static final int FOLD_AT = 78;

    /**
     * Validates the name and the value.
     *
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("header field name must be 1 to " + MAX_NAME_LENGTH
                    + " characters: \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ':') { // RFC 5322 2.2: ftext is %d33-57 / %d59-126
                throw new IllegalArgumentException("header field name \"" + name
                        + "\" may only have printable US-ASCII characters other than ':' (RFC 5322 2.2)");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("the value of header field " + name
                        + " has a CR or LF: give it unfolded, the server folds it");
            }
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("the value of header field " + name
                        + " has the control character 0x" + Integer.toHexString(c));
            }
        }
    }

    /** A field, validated. */
    public static HeaderField of(String name, String value) {
        return new HeaderField(name, value);
    }

    /** True when this field's name is {@code other}, ignoring case (field names are case-insensitive). */
    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The name in lower case, for comparisons. */
    public String lowerCaseName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * The field as it goes into the message: {@code Name: value} with CRLF, folded before a space or tab wherever
     * a line would otherwise pass 78 characters (a word longer than that stays whole: folding never splits one).
     */
    public byte[] render() {
        StringBuilder out = new StringBuilder(name.length() + value.length() + 8);
        out.append(name).append(':');
        int lineStart = 0;
        String rest = value.isEmpty() ? "" : " " + value;
        int i = 0;
        while (i < rest.length()) {
            // the next word, with the whitespace before it
            int end = i + 1;
            while (end < rest.length() && rest.charAt(end) != ' ' && rest.charAt(end) != '\t') {
                end++;
            }
            if (out.length() - lineStart + (end - i) > FOLD_AT && out.length() - lineStart > name.length() + 1
                    && (rest.charAt(i) == ' ' || rest.charAt(i) == '\t')) {
                out.append("\r\n");
                lineStart = out.length();
            }
            out.append(rest, i, end);
            i = end;
        }
        out.append("\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
