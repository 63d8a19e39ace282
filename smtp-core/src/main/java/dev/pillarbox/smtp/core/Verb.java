package dev.pillarbox.smtp.core;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An SMTP command verb: an open set, not an enum, so extensions and plugins add their own ({@code XCLIENT},
 * {@code X-VENDOR}). Normalised to upper-case ASCII; {@code Verb.of("xfoo").equals(Verb.of("XFOO"))}.
 * Standard verbs are cached constants.
 */
public final class Verb {

    private static final Map<String, Verb> KNOWN = new ConcurrentHashMap<>();

    /** RFC 5321 4.1.1.1. */
    public static final Verb HELO = known("HELO");
    /** RFC 5321 4.1.1.1. */
    public static final Verb EHLO = known("EHLO");
    /** RFC 5321 4.1.1.2. */
    public static final Verb MAIL = known("MAIL");
    /** RFC 5321 4.1.1.3. */
    public static final Verb RCPT = known("RCPT");
    /** RFC 5321 4.1.1.4. */
    public static final Verb DATA = known("DATA");
    /** RFC 5321 4.1.1.5. */
    public static final Verb RSET = known("RSET");
    /** RFC 5321 4.1.1.6. */
    public static final Verb VRFY = known("VRFY");
    /** RFC 5321 4.1.1.7. */
    public static final Verb EXPN = known("EXPN");
    /** RFC 5321 4.1.1.8. */
    public static final Verb HELP = known("HELP");
    /** RFC 5321 4.1.1.9. */
    public static final Verb NOOP = known("NOOP");
    /** RFC 5321 4.1.1.10. */
    public static final Verb QUIT = known("QUIT");
    /** RFC 3030 CHUNKING. */
    public static final Verb BDAT = known("BDAT");
    /** RFC 3207. */
    public static final Verb STARTTLS = known("STARTTLS");
    /** RFC 4954. */
    public static final Verb AUTH = known("AUTH");
    /** RFC 2033 LMTP greeting. */
    public static final Verb LHLO = known("LHLO");

    private final String name;

    private Verb(String name) {
        this.name = name;
    }

    private static Verb known(String name) {
        Verb verb = new Verb(name);
        KNOWN.put(name, verb);
        return verb;
    }

    /**
     * Returns the verb named {@code name}, normalised to upper case.
     *
     * @throws IllegalArgumentException if {@code name} is empty or has characters other than ASCII letters,
     *     digits and '-'
     */
    public static Verb of(String name) {
        Objects.requireNonNull(name, "name");
        Verb cached = KNOWN.get(name);
        if (cached != null) {
            return cached;
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("verb is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("verb \"" + name + "\" has an invalid character at position "
                        + i + " (RFC 5321 4.1.1: verbs are letters, digits and '-')");
            }
        }
        String upper = name.toUpperCase(Locale.ROOT);
        cached = KNOWN.get(upper);
        return cached != null ? cached : new Verb(upper);
    }

    /** The upper-case name, e.g. "MAIL". */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Verb && ((Verb) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
