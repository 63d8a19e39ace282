package dev.pillarbox.smtp.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ESMTP parameters of MAIL or RCPT (RFC 5321 4.1.2), e.g. {@code SIZE=1000 BODY=8BITMIME}:
 * {@code esmtp-keyword ["=" esmtp-value]} separated by single spaces. Keywords are case-insensitive and
 * stored upper-case; values are kept exactly ({@code %d33-60 / %d62-126}, plus UTF-8 with SMTPUTF8 per
 * RFC 6531 3.3). A keyword may appear once. Order is kept. Immutable.
 */
public final class EsmtpParameters {

    private static final EsmtpParameters EMPTY = new EsmtpParameters(Map.of());

    // keyword -> value; "" for a keyword without value (esmtp-value has at least one character)
    private final Map<String, String> params;

    EsmtpParameters(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** No parameters. */
    public static EsmtpParameters empty() {
        return EMPTY;
    }

    /**
     * Parses an ASCII parameter list, e.g. {@code "SIZE=1000 BODY=8BITMIME"}; the empty string gives
     * {@link #empty()}.
     *
     * @throws AddressSyntaxException if the list is malformed (kind SYNTAX) or repeats a keyword
     *     (DUPLICATE_PARAMETER)
     */
    public static EsmtpParameters parse(String text) throws AddressSyntaxException {
        return parse(text, false);
    }

    /**
     * Parses a parameter list; UTF-8 values are accepted only if {@code utf8Allowed}.
     *
     * @throws AddressSyntaxException if the list is malformed (SYNTAX, NON_ASCII_WITHOUT_SMTPUTF8) or repeats
     *     a keyword (DUPLICATE_PARAMETER)
     */
    public static EsmtpParameters parse(String text, boolean utf8Allowed) throws AddressSyntaxException {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return EMPTY;
        }
        return new AddressParser(text, 0, utf8Allowed).parameters();
    }

    /**
     * These parameters plus {@code keyword} with {@code value} (null for none), e.g. for a client building
     * MAIL FROM.
     *
     * @throws IllegalArgumentException if the keyword or value is invalid or the keyword is already present
     */
    public EsmtpParameters with(String keyword, String value) {
        String text = value == null ? keyword : keyword + "=" + value;
        EsmtpParameters one;
        try {
            one = parse(text, true);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (one.size() != 1) {
            throw new IllegalArgumentException("not one parameter: \"" + text + "\"");
        }
        String key = one.keywords().get(0);
        if (params.containsKey(key)) {
            throw new IllegalArgumentException("duplicate parameter " + key);
        }
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.putAll(one.params);
        return new EsmtpParameters(copy);
    }

    /** True if {@code keyword} (any case) is present, with or without a value. */
    public boolean contains(String keyword) {
        return params.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** The value of {@code keyword} (any case); empty if absent or given without value. */
    public Optional<String> value(String keyword) {
        String v = params.get(keyword.toUpperCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** The keywords, upper-case, in the order given. */
    public List<String> keywords() {
        return List.copyOf(params.keySet());
    }

    /** Keyword to value, in order; a keyword without value maps to "". */
    public Map<String, String> asMap() {
        return params;
    }

    /** The number of parameters. */
    public int size() {
        return params.size();
    }

    /** True if there are no parameters. */
    public boolean isEmpty() {
        return params.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsmtpParameters && ((EsmtpParameters) o).params.equals(params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }

    /** The wire form, e.g. {@code SIZE=1000 BODY=8BITMIME}; "" when empty. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(e.getKey());
            if (!e.getValue().isEmpty()) {
                sb.append('=').append(e.getValue());
            }
        }
        return sb.toString();
    }
}
