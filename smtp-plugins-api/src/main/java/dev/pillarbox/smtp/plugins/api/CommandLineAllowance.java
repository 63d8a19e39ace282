package dev.pillarbox.smtp.plugins.api;

import java.util.Locale;
import java.util.Objects;

/**
 * How many octets an ESMTP parameter may add to its command line beyond RFC 5321's 512 (4.5.3.1.4: "SMTP
 * extensions may be used to increase this limit"), e.g. 26 for {@code SIZE=} on MAIL (RFC 1870). Declared with
 * {@link SmtpBinder#mailParameter(com.google.inject.Binder, String, int)} or
 * {@link SmtpBinder#rcptParameter(com.google.inject.Binder, String, int)}; the server widens the command-line limit
 * of that verb only, by the sum over its enabled parameters (a NOOP or EHLO line keeps the configured limit).
 *
 * @param verb {@code MAIL} or {@code RCPT}, upper case
 * @param keyword the parameter, upper case
 * @param octets what the parameter, its value and the space before it may add, at least 1
 */
public record CommandLineAllowance(String verb, String keyword, int octets) {

    /** The largest allowance one parameter may declare: far more than any ESMTP parameter needs. */
    public static final int MAX_OCTETS = 4096;

    /**
     * Validates and normalises the parts.
     *
     * @throws IllegalArgumentException if {@code octets} is not within 1..{@value #MAX_OCTETS} or a name is blank
     */
    public CommandLineAllowance {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(keyword, "keyword");
        if (verb.isBlank() || keyword.isBlank()) {
            throw new IllegalArgumentException("a command-line allowance needs a verb and a parameter keyword");
        }
        if (octets < 1 || octets > MAX_OCTETS) {
            throw new IllegalArgumentException("command-line allowance for " + keyword + " is " + octets
                    + " octets; it must be between 1 and " + MAX_OCTETS);
        }
        verb = verb.toUpperCase(Locale.ROOT);
        keyword = keyword.toUpperCase(Locale.ROOT);
    }

    /** The allowance of {@code keyword} on {@code verb}. */
    public static CommandLineAllowance of(String verb, String keyword, int octets) {
        return new CommandLineAllowance(verb, keyword, octets);
    }
}
