package dev.pillarbox.smtp.core;

import java.util.Locale;
import java.util.Objects;

/**
 * An address literal in place of a domain (RFC 5321 4.1.3): {@code [192.0.2.1]},
 * {@code [IPv6:2001:db8::1]} (every IPv6 form: full, compressed with "::", and with an IPv4 tail) or a
 * general literal {@code [tag:content]}. The {@code IPv6} tag is matched case-insensitively, as ABNF strings
 * are. Immutable; equality ignores case (hex digits and tags); the text is not otherwise normalised, so
 * {@code [IPv6:::1]} and {@code [IPv6:0:0:0:0:0:0:0:1]} are not equal.
 */
public final class AddressLiteral {

    /** Which form of address literal. */
    public enum Type {
        /** {@code IPv4-address-literal}, e.g. {@code 192.0.2.1}. */
        IPV4,
        /** {@code IPv6-address-literal}, e.g. {@code IPv6:2001:db8::1}. */
        IPV6,
        /** {@code General-address-literal}: a standardized tag, a colon and content. */
        GENERAL
    }

    private final Type type;
    private final String tag;
    private final String address;
    private final String text;

    AddressLiteral(Type type, String tag, String address) {
        this.type = type;
        this.tag = tag;
        this.address = address;
        this.text = "[" + (tag.isEmpty() ? "" : tag + ":") + address + "]";
    }

    /**
     * Parses an address literal with its brackets, e.g. {@code "[IPv6:::1]"}.
     *
     * @throws AddressSyntaxException if it is not a valid RFC 5321 4.1.3 address literal
     */
    public static AddressLiteral parse(String text) throws AddressSyntaxException {
        Objects.requireNonNull(text, "text");
        AddressParser p = new AddressParser(text, 0, false);
        AddressLiteral literal = p.addressLiteral();
        p.requireEnd("the address literal");
        return literal;
    }

    /** The form of this literal. */
    public Type type() {
        return type;
    }

    /** The tag: "" for IPv4, "IPv6" (as written) for IPv6, the standardized tag for a general literal. */
    public String tag() {
        return tag;
    }

    /** The address after the tag and colon, e.g. "2001:db8::1" or "192.0.2.1". */
    public String address() {
        return address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressLiteral && ((AddressLiteral) o).text.equalsIgnoreCase(text);
    }

    @Override
    public int hashCode() {
        return text.toLowerCase(Locale.ROOT).hashCode();
    }

    /** The literal with brackets, e.g. "[IPv6:2001:db8::1]". */
    @Override
    public String toString() {
        return text;
    }
}
