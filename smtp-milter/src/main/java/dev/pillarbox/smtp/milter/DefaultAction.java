package dev.pillarbox.smtp.milter;

import java.util.Locale;
import java.util.Optional;

import dev.pillarbox.smtp.core.Reply;

/**
 * What happens when a filter is down, times out or breaks the protocol: Postfix's {@code milter_default_action}.
 * The filter is then left out for the rest of the SMTP session, and every later event gets the same answer.
 */
public enum DefaultAction {
    /** Answer {@code 451 4.7.1 Service unavailable - try again later}: the client retries. The default. */
    TEMPFAIL,
    /** Go on as if there were no filter. */
    ACCEPT,
    /** Answer {@code 550 5.5.0 Service unavailable}. */
    REJECT;

    /** The SMTP reply of this action, empty for {@link #ACCEPT}; Postfix's wording. */
    public Optional<Reply> reply() {
        switch (this) {
            case TEMPFAIL:
                return Optional.of(MilterReplies.FILTER_UNAVAILABLE_TEMPFAIL);
            case REJECT:
                return Optional.of(MilterReplies.FILTER_UNAVAILABLE_REJECT);
            default:
                return Optional.empty();
        }
    }

    /**
     * Parses {@code tempfail}, {@code accept} or {@code reject} (any case), as Postfix's parameter is written.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DefaultAction parse(String text) {
        for (DefaultAction a : values()) {
            if (a.name().equalsIgnoreCase(text.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown milter default action \"" + text
                + "\": expected tempfail, accept or reject");
    }

    /** The configuration word, e.g. {@code tempfail}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
