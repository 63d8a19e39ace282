package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.ForwardPath;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One recipient of an {@link Envelope}: the forward-path of RCPT TO and its DSN parameters (RFC 3461 4.1, 4.2):
 * NOTIFY and ORCPT. Immutable.
 */
public final class Recipient {

    private final ForwardPath forwardPath;
    private final Set<DsnNotify> notify;
    private final String originalRecipient;

    private Recipient(ForwardPath forwardPath, Set<DsnNotify> notify, String originalRecipient) {
        this.forwardPath = Objects.requireNonNull(forwardPath, "forwardPath");
        this.notify = Collections.unmodifiableSet(notify.isEmpty() ? EnumSet.noneOf(DsnNotify.class)
                : EnumSet.copyOf(notify));
        this.originalRecipient = originalRecipient;
    }

    /** A recipient without DSN parameters. */
    public static Recipient of(ForwardPath forwardPath) {
        return new Recipient(forwardPath, Set.of(), null);
    }

    /**
     * Parses an address with or without angle brackets, e.g. {@code "bob@example.net"} or {@code "<bob@example.net>"};
     * UTF-8 addresses (RFC 6531) are accepted and make the transaction use SMTPUTF8.
     *
     * @throws IllegalArgumentException naming what is wrong with the address
     */
    public static Recipient parse(String address) {
        return of(Envelope.forwardPath(address));
    }

    /**
     * This recipient with {@code NOTIFY=...} (RFC 3461 4.1).
     *
     * @throws IllegalArgumentException if the set is empty or combines NEVER with another value
     */
    public Recipient withNotify(DsnNotify... on) {
        Set<DsnNotify> set = on.length == 0 ? EnumSet.noneOf(DsnNotify.class) : EnumSet.copyOf(Arrays.asList(on));
        if (set.isEmpty()) {
            throw new IllegalArgumentException("NOTIFY needs at least one value");
        }
        if (set.contains(DsnNotify.NEVER) && set.size() > 1) {
            throw new IllegalArgumentException("NOTIFY=NEVER cannot be combined with other values (RFC 3461 4.1)");
        }
        return new Recipient(forwardPath, set, originalRecipient);
    }

    /**
     * This recipient with {@code ORCPT} naming the address the message was originally sent to (RFC 3461 4.2), sent
     * as {@code rfc822;xtext} (or RFC 6533's {@code utf-8;...} for a non-ASCII address).
     *
     * @throws IllegalArgumentException if the encoded value exceeds RFC 3461's 500 characters
     */
    public Recipient withOriginalRecipient(String address) {
        Objects.requireNonNull(address, "address");
        String value = Xtext.originalRecipient(address);
        if (value.length() > 500) {
            throw new IllegalArgumentException("ORCPT value is " + value.length()
                    + " characters, more than RFC 3461 4.2's 500");
        }
        return new Recipient(forwardPath, notify, address);
    }

    /** The forward-path. */
    public ForwardPath forwardPath() {
        return forwardPath;
    }

    /** The NOTIFY values; empty when the parameter is not sent. */
    public Set<DsnNotify> notifyOn() {
        return notify;
    }

    /** The original recipient address for ORCPT, if any. */
    public Optional<String> originalRecipient() {
        return Optional.ofNullable(originalRecipient);
    }

    /** True if NOTIFY or ORCPT is set. */
    public boolean hasDsnParameters() {
        return !notify.isEmpty() || originalRecipient != null;
    }

    /** True if the address needs SMTPUTF8. */
    boolean needsSmtpUtf8() {
        return forwardPath.mailbox().isPresent() && !forwardPath.mailbox().get().isAscii();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Recipient)) {
            return false;
        }
        Recipient r = (Recipient) o;
        return r.forwardPath.equals(forwardPath) && r.notify.equals(notify)
                && Objects.equals(r.originalRecipient, originalRecipient);
    }

    @Override
    public int hashCode() {
        return Objects.hash(forwardPath, notify, originalRecipient);
    }

    /** The forward-path, e.g. {@code <bob@example.net>}. */
    @Override
    public String toString() {
        return forwardPath.toString();
    }
}
