package dev.pillarbox.smtp.extensions.chunking;

import java.util.Locale;
import java.util.Optional;

/**
 * The argument of BDAT (RFC 3030 2): {@code chunk-size [ SP end-marker ]}, {@code chunk-size ::= 1*DIGIT},
 * {@code end-marker ::= "LAST"} (case-insensitive, as SMTP keywords are).
 *
 * @param size the chunk's octets
 * @param last whether this chunk ends the message
 */
public record BdatArguments(long size, boolean last) {

    // 18 digits always fit a long; a larger chunk could never be accepted anyway
    private static final int MAX_DIGITS = 18;

    /** Validates the components. */
    public BdatArguments {
        if (size < 0) {
            throw new IllegalArgumentException("chunk size is negative: " + size);
        }
    }

    /** Parses {@code argument}; empty if it is not {@code chunk-size [ SP "LAST" ]}. */
    public static Optional<BdatArguments> parse(String argument) {
        String[] parts = argument.split(" ", -1);
        if (parts.length > 2 || (parts.length == 2 && !parts[1].toUpperCase(Locale.ROOT).equals("LAST"))) {
            return Optional.empty();
        }
        String digits = parts[0];
        if (digits.isEmpty() || digits.length() > MAX_DIGITS
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(new BdatArguments(Long.parseLong(digits), parts.length == 2));
    }
}
