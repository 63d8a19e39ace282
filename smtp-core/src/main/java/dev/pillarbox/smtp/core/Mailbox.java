package dev.pillarbox.smtp.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox, {@code Local-part "@" ( Domain / address-literal )} (RFC 5321 4.1.2).
 *
 * <p>The local part is a dot-string ({@code john.smith}) or a quoted string ({@code "john smith"}, with
 * quoted-pairs such as {@code \"}); {@link #localPart()} returns its value with quotes and quoted-pairs
 * resolved, so {@code "john"@example.com} and {@code john@example.com} are the same mailbox. With SMTPUTF8
 * (RFC 6531) local part and domain may contain UTF-8. Limits: local part 64 octets as written
 * (RFC 5321 4.5.3.1.1), domain 255 octets (4.5.3.1.2).
 *
 * <p>Equality is exact on the local part (RFC 5321 2.4: only the destination host may interpret it) and
 * case-insensitive on the domain. {@link #toString()} is the canonical form: the local part unquoted when it
 * is a valid dot-string (RFC 5321 4.1.2: "SHOULD" be sent that way), otherwise quoted with {@code \} before
 * each {@code "} and {@code \}. Immutable.
 */
public final class Mailbox {

    private final String localPart;
    private final Domain domain;
    private final AddressLiteral addressLiteral;
    private final String text;

    Mailbox(String localPart, Domain domain, AddressLiteral addressLiteral) {
        this.localPart = localPart;
        this.domain = domain;
        this.addressLiteral = addressLiteral;
        this.text = quoteIfNeeded(localPart) + "@" + (domain != null ? domain : addressLiteral);
    }

    /**
     * Parses an ASCII mailbox without angle brackets, e.g. {@code "user@example.com"}.
     *
     * @throws AddressSyntaxException if it is not a valid mailbox
     */
    public static Mailbox parse(String text) throws AddressSyntaxException {
        return parse(text, false);
    }

    /**
     * Parses a mailbox without angle brackets; UTF-8 is accepted only if {@code utf8Allowed}.
     *
     * @throws AddressSyntaxException if it is not a valid mailbox (kinds SYNTAX, TOO_LONG,
     *     NON_ASCII_WITHOUT_SMTPUTF8)
     */
    public static Mailbox parse(String text, boolean utf8Allowed) throws AddressSyntaxException {
        Objects.requireNonNull(text, "text");
        AddressParser p = new AddressParser(text, 0, utf8Allowed);
        Mailbox mailbox = p.mailbox();
        p.requireEnd("the mailbox");
        return mailbox;
    }

    /**
     * A mailbox from a local-part value (unquoted; any printable ASCII, space or UTF-8) and a domain.
     *
     * @throws IllegalArgumentException if the local part cannot be written in SMTP or is too long
     */
    public static Mailbox of(String localPart, Domain domain) {
        return new Mailbox(checkLocalPart(localPart), Objects.requireNonNull(domain, "domain"), null);
    }

    /**
     * A mailbox at an address literal, e.g. {@code postmaster@[192.0.2.1]}.
     *
     * @throws IllegalArgumentException if the local part cannot be written in SMTP or is too long
     */
    public static Mailbox of(String localPart, AddressLiteral addressLiteral) {
        return new Mailbox(checkLocalPart(localPart), null, Objects.requireNonNull(addressLiteral, "addressLiteral"));
    }

    private static String checkLocalPart(String localPart) {
        Objects.requireNonNull(localPart, "localPart");
        for (int i = 0; i < localPart.length(); i++) {
            int cp = localPart.codePointAt(i);
            // qtextSMTP and quoted-pairSMTP cover %d32-126; RFC 6531 adds UTF-8 but no controls
            if (cp < 32 || cp == 127 || Character.isISOControl(cp) || Character.isSurrogate((char) cp)
                    && Character.charCount(cp) == 1) {
                throw new IllegalArgumentException("local part has character " + AddressCursor.describe(cp)
                        + " at position " + i + ", which SMTP cannot carry");
            }
            i += Character.charCount(cp) - 1;
        }
        String written = quoteIfNeeded(localPart);
        int octets = AddressCursor.utf8Length(written, 0, written.length());
        if (octets > MailboxGrammar.MAX_LOCAL_PART_OCTETS) {
            throw new IllegalArgumentException("local part is " + octets + " octets, more than "
                    + MailboxGrammar.MAX_LOCAL_PART_OCTETS + " (RFC 5321 4.5.3.1.1)");
        }
        return localPart;
    }

    /** The local part's value: quotes and quoted-pairs resolved, case kept. */
    public String localPart() {
        return localPart;
    }

    /** The domain, unless the mailbox is at an address literal. */
    public Optional<Domain> domain() {
        return Optional.ofNullable(domain);
    }

    /** The address literal, if the mailbox has one instead of a domain. */
    public Optional<AddressLiteral> addressLiteral() {
        return Optional.ofNullable(addressLiteral);
    }

    /** The part after "@": the domain name or the address literal with brackets. */
    public String host() {
        return domain != null ? domain.name() : addressLiteral.toString();
    }

    /** True if the whole mailbox is ASCII, i.e. it can be used without SMTPUTF8. */
    public boolean isAscii() {
        return AddressCursor.isAscii(text);
    }

    /** True if the local part is "postmaster" in any case (RFC 5321 4.5.1). */
    public boolean isPostmaster() {
        return localPart.equalsIgnoreCase("postmaster");
    }

    /** Exact on the local part, case-insensitive on the domain (RFC 5321 2.4). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Mailbox)) {
            return false;
        }
        Mailbox other = (Mailbox) o;
        return localPart.equals(other.localPart) && Objects.equals(domain, other.domain)
                && Objects.equals(addressLiteral, other.addressLiteral);
    }

    @Override
    public int hashCode() {
        return Objects.hash(localPart, domain, addressLiteral);
    }

    /** The canonical form, e.g. {@code user@example.com} or {@code "john smith"@example.com}. */
    @Override
    public String toString() {
        return text;
    }

    // A local part that is a valid Dot-string is written as one; anything else as a Quoted-string.
    private static String quoteIfNeeded(String local) {
        if (MailboxGrammar.isDotString(local)) {
            return local;
        }
        StringBuilder sb = new StringBuilder(local.length() + 2).append('"');
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
