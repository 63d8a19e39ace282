package dev.pillarbox.smtp.extensions.dsn;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.extensions.Extensions;
import dev.pillarbox.smtp.extensions.Xtext;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The DSN parameters of one RCPT TO (RFC 3461 4.1, 4.2), decoded: read them for an accepted recipient with
 * {@link #of(Recipient)}.
 *
 * @param notifyOn when to notify; empty when the client did not say (the default is FAILURE, maybe DELAY)
 * @param originalRecipient the original recipient address, xtext-decoded; empty when not given
 */
public record DsnRecipient(Set<Notify> notifyOn, Optional<OriginalRecipient> originalRecipient) {

    static final String NOTIFY = "NOTIFY";
    static final String ORCPT = "ORCPT";
    // RFC 3461 4.2: "the ORCPT parameter MUST NOT exceed 500 characters"
    static final int MAX_ORCPT = 500;

    /** NOTIFY values (RFC 3461 4.1). */
    public enum Notify {
        /** Never send a DSN; not combinable with the others. */
        NEVER,
        /** On successful delivery. */
        SUCCESS,
        /** On failure. */
        FAILURE,
        /** On delay. */
        DELAY
    }

    /**
     * An ORCPT value (RFC 3461 4.2): {@code addr-type ";" xtext}, e.g. {@code rfc822;user@example.org}.
     *
     * @param addressType the address type, e.g. {@code rfc822}
     * @param address the decoded original address
     */
    public record OriginalRecipient(String addressType, String address) {
        /** Validates the components. */
        public OriginalRecipient {
            Objects.requireNonNull(addressType, "addressType");
            Objects.requireNonNull(address, "address");
        }
    }

    /** Validates and copies the components. */
    public DsnRecipient {
        notifyOn = Collections.unmodifiableSet(notifyOn.isEmpty() ? EnumSet.noneOf(Notify.class)
                : EnumSet.copyOf(notifyOn));
        Objects.requireNonNull(originalRecipient, "originalRecipient");
    }

    /** The DSN parameters of {@code recipient}; the server accepted only valid ones. */
    public static DsnRecipient of(Recipient recipient) {
        return parse(recipient.parameters());
    }

    /**
     * Parses NOTIFY and ORCPT from RCPT TO parameters.
     *
     * @throws DsnParameterException naming the parameter and the reason
     */
    public static DsnRecipient parse(EsmtpParameters parameters) {
        Set<Notify> notify = Extensions.value(parameters, NOTIFY).map(DsnRecipient::parseNotify).orElse(Set.of());
        Optional<OriginalRecipient> orcpt = Extensions.value(parameters, ORCPT).map(DsnRecipient::parseOrcpt);
        return new DsnRecipient(notify, orcpt);
    }

    private static Set<Notify> parseNotify(String value) {
        Set<Notify> set = EnumSet.noneOf(Notify.class);
        for (String item : value.split(",", -1)) {
            Notify n;
            try {
                n = Notify.valueOf(item.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DsnParameterException(NOTIFY, "use NEVER or a list of SUCCESS, FAILURE, DELAY");
            }
            if (!set.add(n)) {
                throw new DsnParameterException(NOTIFY, n + " is given twice");
            }
        }
        if (set.contains(Notify.NEVER) && set.size() > 1) {
            throw new DsnParameterException(NOTIFY, "NEVER cannot be combined with other values");
        }
        return set;
    }

    private static OriginalRecipient parseOrcpt(String value) {
        if (value.length() > MAX_ORCPT) {
            throw new DsnParameterException(ORCPT, "longer than " + MAX_ORCPT + " characters");
        }
        int semicolon = value.indexOf(';');
        if (semicolon <= 0) {
            throw new DsnParameterException(ORCPT, "use addr-type;xtext, e.g. rfc822;user@example.org");
        }
        String type = value.substring(0, semicolon);
        // addr-type = atom (RFC 3461 4.2, RFC 5322 atext)
        if (!type.chars().allMatch(DsnRecipient::isAtext)) {
            throw new DsnParameterException(ORCPT, "the address type must be an atom");
        }
        String xtext = value.substring(semicolon + 1);
        if (xtext.isEmpty()) {
            throw new DsnParameterException(ORCPT, "the address is empty");
        }
        try {
            return new OriginalRecipient(type, Xtext.decode(xtext));
        } catch (IllegalArgumentException e) {
            throw new DsnParameterException(ORCPT, e.getMessage());
        }
    }

    private static boolean isAtext(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }
}
