package dev.pillarbox.smtp.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A domain name as used in SMTP paths and HELO/EHLO: {@code sub-domain *("." sub-domain)} with LDH labels
 * (RFC 5321 4.1.2) and, when SMTPUTF8 is allowed, U-labels (RFC 6531 3.3). At most 255 octets
 * (RFC 5321 4.5.3.1.2) and 63 octets per ASCII label (RFC 1035 2.3.4). A trailing dot is not allowed.
 *
 * <p>U-labels are checked against the part of IDNA2008 that needs only the JDK's Unicode data: letters,
 * digits and combining marks, lower case, NFC, no "--" in positions 3-4, no leading mark. A-labels
 * ({@code xn--...}) are accepted as LDH labels without decoding. Immutable; equality and hash code ignore
 * case (RFC 5321 2.4); {@link #toString()} keeps the text as given.
 */
public final class Domain {

    private final String name;
    private final List<String> labels;
    private final String key;

    Domain(String name, List<String> labels) {
        this.name = name;
        this.labels = List.copyOf(labels);
        this.key = name.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an ASCII domain, e.g. {@code "mail.example.com"}.
     *
     * @throws AddressSyntaxException if it is not a valid domain or has non-ASCII characters
     */
    public static Domain parse(String text) throws AddressSyntaxException {
        return parse(text, false);
    }

    /**
     * Parses a domain; U-labels are accepted only if {@code utf8Allowed} (SMTPUTF8 in use).
     *
     * @throws AddressSyntaxException if it is not a valid domain; kind NON_ASCII_WITHOUT_SMTPUTF8 for non-ASCII
     *     text when UTF-8 is not allowed, TOO_LONG when over a length limit
     */
    public static Domain parse(String text, boolean utf8Allowed) throws AddressSyntaxException {
        Objects.requireNonNull(text, "text");
        AddressParser p = new AddressParser(text, 0, utf8Allowed);
        Domain domain = p.domain();
        p.requireEnd("the domain");
        return domain;
    }

    /**
     * A domain from trusted text, e.g. configuration; UTF-8 allowed.
     *
     * @throws IllegalArgumentException with the parser's message if {@code text} is not a valid domain
     */
    public static Domain of(String text) {
        try {
            return parse(text, true);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The domain as given, e.g. "Mail.Example.COM". */
    public String name() {
        return name;
    }

    /** The labels, left to right. */
    public List<String> labels() {
        return labels;
    }

    /** True if every label is ASCII (no U-label), i.e. the domain can be sent without SMTPUTF8. */
    public boolean isAscii() {
        return AddressCursor.isAscii(name);
    }

    /** Equal if the names are equal ignoring case (RFC 5321 2.4: domain names are case-insensitive). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Domain && ((Domain) o).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** The domain as given. */
    @Override
    public String toString() {
        return name;
    }
}
