package dev.pillarbox.smtp.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The argument of HELO, EHLO and LHLO: the client's domain or, when it has none, an address literal
 * (RFC 5321 4.1.1.1: {@code ehlo = "EHLO" SP ( Domain / address-literal ) CRLF}; RFC 2033 4.1 for LHLO). HELO's
 * grammar names only a Domain, but a client without a name is to send an address literal (RFC 5321 2.3.5), so both
 * are accepted for every greeting verb. With SMTPUTF8 offered the domain may have U-labels (the sub-domain of
 * RFC 6531 3.3).
 * Parsed with the same grammar as the domains of paths ({@link Domain}, {@link AddressLiteral}). Immutable.
 */
public final class HeloName {

    private final Domain domain;
    private final AddressLiteral addressLiteral;

    private HeloName(Domain domain, AddressLiteral addressLiteral) {
        this.domain = domain;
        this.addressLiteral = addressLiteral;
    }

    /**
     * Parses a greeting argument: a domain, or an address literal when it starts with {@code [}.
     *
     * @param text the argument without the verb and its space
     * @param utf8Allowed whether U-labels are allowed (SMTPUTF8 offered to the client)
     * @throws AddressSyntaxException if it is neither (kinds SYNTAX, TOO_LONG, NON_ASCII_WITHOUT_SMTPUTF8)
     */
    public static HeloName parse(String text, boolean utf8Allowed) throws AddressSyntaxException {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("[")) {
            return new HeloName(null, AddressLiteral.parse(text));
        }
        return new HeloName(Domain.parse(text, utf8Allowed), null);
    }

    /** The domain, unless the client gave an address literal. */
    public Optional<Domain> domain() {
        return Optional.ofNullable(domain);
    }

    /** The address literal, if the client gave one instead of a domain. */
    public Optional<AddressLiteral> addressLiteral() {
        return Optional.ofNullable(addressLiteral);
    }

    /** True unless the domain has a U-label. */
    public boolean isAscii() {
        return domain == null || domain.isAscii();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeloName && Objects.equals(((HeloName) o).domain, domain)
                && Objects.equals(((HeloName) o).addressLiteral, addressLiteral);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, addressLiteral);
    }

    /** The name as given. */
    @Override
    public String toString() {
        return domain != null ? domain.toString() : addressLiteral.toString();
    }
}
