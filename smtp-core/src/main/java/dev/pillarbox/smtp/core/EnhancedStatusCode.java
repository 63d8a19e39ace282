package dev.pillarbox.smtp.core;

import java.util.Objects;
import java.util.Optional;

/**
 * An enhanced mail system status code, {@code class.subject.detail} (RFC 3463 section 2), e.g. {@code 5.1.1}.
 *
 * <p>The class is 2 (success), 4 (persistent transient failure) or 5 (permanent failure); subject and
 * detail are 0-999 written without leading zeros. Immutable. The registry texts are in
 * {@link EnhancedStatusCodes}.
 */
public final class EnhancedStatusCode {

    private final int codeClass;
    private final int subject;
    private final int detail;
    private final String text;

    private EnhancedStatusCode(int codeClass, int subject, int detail) {
        this.codeClass = codeClass;
        this.subject = subject;
        this.detail = detail;
        this.text = codeClass + "." + subject + "." + detail;
    }

    /**
     * Returns the code {@code codeClass.subject.detail}.
     *
     * @throws IllegalArgumentException if the class is not 2, 4 or 5, or subject or detail is outside 0-999
     */
    public static EnhancedStatusCode of(int codeClass, int subject, int detail) {
        if (codeClass != 2 && codeClass != 4 && codeClass != 5) {
            throw new IllegalArgumentException("enhanced status code class " + codeClass
                    + " is not 2, 4 or 5 (RFC 3463 section 2)");
        }
        if (subject < 0 || subject > 999) {
            throw new IllegalArgumentException("enhanced status code subject " + subject
                    + " is outside 0-999 (RFC 3463 section 2)");
        }
        if (detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status code detail " + detail
                    + " is outside 0-999 (RFC 3463 section 2)");
        }
        return new EnhancedStatusCode(codeClass, subject, detail);
    }

    /**
     * Parses {@code class.subject.detail}, e.g. {@code "5.7.1"}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static EnhancedStatusCode parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("enhanced status code \"" + text
                    + "\" is not class.subject.detail (RFC 3463 section 2)");
        }
        int c = number(text, parts[0], "class", 1);
        int s = number(text, parts[1], "subject", 3);
        int d = number(text, parts[2], "detail", 3);
        return of(c, s, d);
    }

    private static int number(String text, String part, String name, int maxDigits) {
        if (part.isEmpty() || part.length() > maxDigits) {
            throw new IllegalArgumentException("enhanced status code \"" + text + "\": " + name
                    + (maxDigits == 1 ? " must be one digit" : " must be 1 to " + maxDigits + " digits"));
        }
        for (int i = 0; i < part.length(); i++) {
            char ch = part.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new IllegalArgumentException("enhanced status code \"" + text + "\": " + name
                        + " \"" + part + "\" is not a number");
            }
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            throw new IllegalArgumentException("enhanced status code \"" + text + "\": " + name
                    + " \"" + part + "\" has a leading zero");
        }
        return Integer.parseInt(part);
    }

    /** The class digit: 2, 4 or 5. */
    public int codeClass() {
        return codeClass;
    }

    /** The subject number, e.g. 1 in {@code 5.1.1} (addressing status). */
    public int subject() {
        return subject;
    }

    /** The detail number, e.g. the last 1 in {@code 5.1.1} (bad destination mailbox address). */
    public int detail() {
        return detail;
    }

    /** The registry title of this code's subject and detail, e.g. "Bad destination mailbox address" for 5.1.1. */
    public Optional<String> title() {
        return EnhancedStatusCodes.lookup(this).map(EnhancedStatusCodes.Entry::title);
    }

    /** The registry description of this code's subject and detail; empty if {@link EnhancedStatusCodes} lacks it. */
    public Optional<String> description() {
        return EnhancedStatusCodes.lookup(this).map(EnhancedStatusCodes.Entry::description);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EnhancedStatusCode)) {
            return false;
        }
        EnhancedStatusCode other = (EnhancedStatusCode) o;
        return codeClass == other.codeClass && subject == other.subject && detail == other.detail;
    }

    @Override
    public int hashCode() {
        return (codeClass * 1000 + subject) * 1000 + detail;
    }

    /** The dotted form, e.g. "5.5.1". */
    @Override
    public String toString() {
        return text;
    }
}
