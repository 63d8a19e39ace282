package dev.pillarbox.forward.dsn;

import java.util.Locale;

/**
 * The action taken for one recipient, the value of a DSN's {@code Action} field (RFC 3464 2.3.3).
 */
public enum Action {
    /** Delivery failed for good (a 5xx reply, or the queue lifetime expired): a bounce. */
    FAILED('5'),
    /** Delivery has not succeeded yet and will be retried: a delay notice. */
    DELAYED('4'),
    /** Delivered to the recipient's mailbox (e.g. a final LMTP 250). */
    DELIVERED('2'),
    /**
     * Handed on to a next hop that does not offer DSN (RFC 3461 5.2.2): no further notification can be expected.
     */
    RELAYED('2'),
    /** Delivered to a list or alias that expanded it (RFC 3461 5.2.7). */
    EXPANDED('2');

    private final char statusClass;

    Action(char statusClass) {
        this.statusClass = statusClass;
    }

    /** The field value, e.g. {@code failed} (RFC 3464 2.3.3: lower case in practice; the field is case-insensitive). */
    public String fieldValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The class digit the Status field must have for this action: 5 for failed, 4 for delayed, 2 for the others
     * (RFC 3464 2.3.4 with RFC 3463 3.1).
     */
    public char statusClass() {
        return statusClass;
    }
}
