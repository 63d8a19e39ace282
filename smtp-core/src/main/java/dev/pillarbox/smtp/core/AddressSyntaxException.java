package dev.pillarbox.smtp.core;

import java.util.Objects;

/**
 * Thrown by the address and parameter parsers ({@link Mailbox}, {@link Domain}, {@link AddressLiteral},
 * {@link ReversePath}, {@link ForwardPath}, {@link EsmtpParameters}, {@link MailArguments},
 * {@link RcptArguments}) when their input does not match the RFC 5321 4.1.2 grammar (with the RFC 6531
 * extensions when UTF-8 is allowed) or exceeds a limit of RFC 5321 4.5.3.1.
 *
 * <p>The message says what is wrong and where, e.g. {@code missing '>' at position 12 in "<a@b.example"}.
 * {@link #position()} is the 0-based index (in UTF-16 chars) into the text handed to the parser;
 * {@link #reason()} is the message without position and input, and is always ASCII so that a server may
 * quote it in a reply. The {@link #kind()} lets a server pick the reply, e.g. 553 5.6.7 for
 * {@link Kind#NON_ASCII_WITHOUT_SMTPUTF8} (RFC 6531 3.7.4).
 */
public final class AddressSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the input was rejected. */
    public enum Kind {
        /** The input does not match the grammar. */
        SYNTAX,
        /** A local part, domain, label or path exceeds its RFC 5321 4.5.3.1 (or RFC 1035) size limit. */
        TOO_LONG,
        /** Non-ASCII text where UTF-8 is not allowed because SMTPUTF8 is not in use (RFC 6531 3.7.4). */
        NON_ASCII_WITHOUT_SMTPUTF8,
        /** The same ESMTP parameter keyword appears twice (RFC 5321 4.1.2 keywords are case-insensitive). */
        DUPLICATE_PARAMETER
    }

    private final Kind kind;
    private final String reason;
    private final int position;
    private final String input;

    /**
     * Creates the exception.
     *
     * @param kind why the input was rejected
     * @param reason what is wrong, without position or input, ASCII only
     * @param position the 0-based index into {@code input} where the problem was found
     * @param input the text handed to the parser
     */
    public AddressSyntaxException(Kind kind, String reason, int position, String input) {
        super(Objects.requireNonNull(reason, "reason") + " at position " + position + " in \""
                + printable(Objects.requireNonNull(input, "input")) + "\"");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = reason;
        this.position = position;
        this.input = input;
    }

    /** Why the input was rejected. */
    public Kind kind() {
        return kind;
    }

    /** What is wrong, without position or input, e.g. {@code "missing '>'"}; ASCII only. */
    public String reason() {
        return reason;
    }

    /** The 0-based index into {@link #input()} where the problem was found. */
    public int position() {
        return position;
    }

    /** The text handed to the parser. */
    public String input() {
        return input;
    }

    // Control characters are escaped so the message stays one printable line (it may end up in a log).
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
