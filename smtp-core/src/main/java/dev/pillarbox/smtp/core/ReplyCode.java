package dev.pillarbox.smtp.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A three-digit SMTP reply code (RFC 5321 4.2) in the range 200-599.
 *
 * <p>The first digit gives the {@link Category}, the second the {@link Subject} (RFC 5321 4.2.1). Any
 * valid code is a {@code ReplyCode}, whether or not it is in the {@link ReplyCodeCatalog}; codes that are
 * in the catalog carry a title, a description, when a client sees them and how to fix the cause
 * ({@link #info()}); {@link #compare(ReplyCode, ReplyCode)} puts two codes side by side.
 * Instances are immutable and interned for 200-599, so {@code ==} works but {@link #equals} is preferred.
 */
public final class ReplyCode implements Comparable<ReplyCode> {

    /** The class of a reply, from the first digit (RFC 5321 4.2.1). */
    public enum Category {
        /** 2yz: the requested action has been completed. */
        POSITIVE_COMPLETION(2, "Positive Completion"),
        /** 3yz: accepted, the server waits for more information (e.g. 354 after DATA). */
        POSITIVE_INTERMEDIATE(3, "Positive Intermediate"),
        /** 4yz: not accepted now, the client should try again later. */
        TRANSIENT_NEGATIVE(4, "Transient Negative Completion"),
        /** 5yz: not accepted, the client should not repeat the same request. */
        PERMANENT_NEGATIVE(5, "Permanent Negative Completion");

        private final int digit;
        private final String title;

        Category(int digit, String title) {
            this.digit = digit;
            this.title = title;
        }

        /** The first digit of codes in this category. */
        public int digit() {
            return digit;
        }

        /** The RFC 5321 name of this category, e.g. "Positive Intermediate". */
        public String title() {
            return title;
        }

        /** The digit pattern and name, e.g. "3yz Positive Intermediate" (RFC 5321 4.2.1). */
        public String label() {
            return digit + "yz " + title;
        }

        static Category ofDigit(int digit) {
            for (Category c : values()) {
                if (c.digit == digit) {
                    return c;
                }
            }
            throw new IllegalArgumentException("no reply category for first digit " + digit);
        }
    }

    /** What a reply is about, from the second digit (RFC 5321 4.2.1). */
    public enum Subject {
        /** x0z: syntax errors, syntactically correct commands that fit no category, unimplemented commands. */
        SYNTAX(0, "Syntax"),
        /** x1z: replies to requests for information, such as status or help. */
        INFORMATION(1, "Information"),
        /** x2z: replies about the transmission channel. */
        CONNECTIONS(2, "Connections"),
        /** x3z: unspecified by RFC 5321; used by extensions (e.g. RFC 4954's 530-538). */
        UNSPECIFIED_3(3, "Unspecified"),
        /** x4z: unspecified by RFC 5321. */
        UNSPECIFIED_4(4, "Unspecified"),
        /** x5z: status of the receiver mail system with respect to the requested transfer. */
        MAIL_SYSTEM(5, "Mail system"),
        /** x6z: outside RFC 5321 4.2.1, which defines second digits 0-5 only. */
        UNDEFINED_6(6, "Undefined"),
        /** x7z: outside RFC 5321 4.2.1. */
        UNDEFINED_7(7, "Undefined"),
        /** x8z: outside RFC 5321 4.2.1. */
        UNDEFINED_8(8, "Undefined"),
        /** x9z: outside RFC 5321 4.2.1. */
        UNDEFINED_9(9, "Undefined");

        private final int digit;
        private final String title;

        Subject(int digit, String title) {
            this.digit = digit;
            this.title = title;
        }

        /** The second digit of codes about this subject. */
        public int digit() {
            return digit;
        }

        /** A short name of this subject, e.g. "Mail system". */
        public String title() {
            return title;
        }

        /** The digit pattern and name, e.g. "x5z Mail system" (RFC 5321 4.2.1). */
        public String label() {
            return "x" + digit + "z " + title;
        }

        static Subject ofDigit(int digit) {
            for (Subject s : values()) {
                if (s.digit == digit) {
                    return s;
                }
            }
            return null;
        }
    }

    private static final ReplyCode[] CACHE = new ReplyCode[400];

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = new ReplyCode(200 + i);
        }
    }

    private final int value;
    private final Category category;
    private final Subject subject;
    private final String text;

    private ReplyCode(int value) {
        this.value = value;
        this.category = Category.ofDigit(value / 100);
        this.subject = Subject.ofDigit((value / 10) % 10);
        this.text = Integer.toString(value);
    }

    /**
     * Returns the reply code for {@code value}.
     *
     * <p>Every value 200-599 is accepted, including second digits 6-9 that RFC 5321 4.2's grammar does not
     * produce ({@link Subject#UNDEFINED_6} ... {@link Subject#UNDEFINED_9}), so that a client can represent
     * whatever a server sends.
     *
     * @throws IllegalArgumentException if {@code value} is outside 200-599
     */
    public static ReplyCode of(int value) {
        if (value < 200 || value > 599) {
            throw new IllegalArgumentException(
                    "reply code " + value + " is outside 200-599 (RFC 5321 4.2: first digit 2, 3, 4 or 5)");
        }
        return CACHE[value - 200];
    }

    /**
     * Parses a reply code from its three-digit text form.
     *
     * @throws IllegalArgumentException if {@code text} is not exactly three ASCII digits forming a valid code
     */
    public static ReplyCode parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() != 3
                || !isDigit(text.charAt(0)) || !isDigit(text.charAt(1)) || !isDigit(text.charAt(2))) {
            throw new IllegalArgumentException("reply code \"" + text + "\" is not three digits");
        }
        return of(Integer.parseInt(text));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The numeric value, e.g. 250. */
    public int value() {
        return value;
    }

    /** The category from the first digit. */
    public Category category() {
        return category;
    }

    /** The subject from the second digit. */
    public Subject subject() {
        return subject;
    }

    /** True for 2yz and 3yz codes. */
    public boolean isPositive() {
        return value < 400;
    }

    /** True for 4yz and 5yz codes. */
    public boolean isNegative() {
        return value >= 400;
    }

    /** True for 4yz codes: the client may try again later. */
    public boolean isTransient() {
        return category == Category.TRANSIENT_NEGATIVE;
    }

    /** True for 5yz codes. */
    public boolean isPermanent() {
        return category == Category.PERMANENT_NEGATIVE;
    }

    /** What the {@link ReplyCodeCatalog} knows about this code; empty for a valid code it does not list. */
    public Optional<ReplyCodeInfo> info() {
        return ReplyCodeCatalog.lookup(this);
    }

    /** The side-by-side comparison of {@code a} and {@code b}, e.g. for an {@code explain 354 500} command. */
    public static ReplyCodeComparison compare(ReplyCode a, ReplyCode b) {
        return ReplyCodeComparison.of(a, b);
    }

    /** Orders by numeric value. */
    @Override
    public int compareTo(ReplyCode other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplyCode && ((ReplyCode) o).value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    /** The three-digit form, e.g. "354". */
    @Override
    public String toString() {
        return text;
    }
}
