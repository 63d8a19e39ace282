package dev.pillarbox.smtp.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The reverse-path of MAIL FROM (RFC 5321 4.1.2): {@code <mailbox>} or the null path {@code <>} used for
 * notifications (RFC 5321 4.5.5). A source route ({@code <@a.example:user@b.example>}) is accepted and
 * dropped (RFC 5321 4.1.1.3, appendix C). The whole path is at most 256 octets (4.5.3.1.3). Immutable.
 */
public final class ReversePath {

    private static final ReversePath NULL = new ReversePath(null);

    private final Mailbox mailbox;

    private ReversePath(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    /**
     * Parses an ASCII reverse-path with its angle brackets, e.g. {@code "<a@b.example>"} or {@code "<>"}.
     *
     * @throws AddressSyntaxException if it is not a valid reverse-path
     */
    public static ReversePath parse(String text) throws AddressSyntaxException {
        return parse(text, false);
    }

    /**
     * Parses a reverse-path with its angle brackets; UTF-8 is accepted only if {@code utf8Allowed}.
     *
     * @throws AddressSyntaxException if it is not a valid reverse-path (kinds SYNTAX, TOO_LONG,
     *     NON_ASCII_WITHOUT_SMTPUTF8)
     */
    public static ReversePath parse(String text, boolean utf8Allowed) throws AddressSyntaxException {
        Objects.requireNonNull(text, "text");
        AddressParser p = new AddressParser(text, 0, utf8Allowed);
        ReversePath path = of(p.reversePath());
        p.requireEnd("the path");
        return path;
    }

    /** The null reverse-path {@code <>}. */
    public static ReversePath nullPath() {
        return NULL;
    }

    /** The reverse-path for {@code mailbox}; null gives the null path. */
    public static ReversePath of(Mailbox mailbox) {
        return mailbox == null ? NULL : new ReversePath(mailbox);
    }

    /** True for the null path {@code <>}. */
    public boolean isNull() {
        return mailbox == null;
    }

    /** The mailbox; empty for the null path. */
    public Optional<Mailbox> mailbox() {
        return Optional.ofNullable(mailbox);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReversePath && Objects.equals(((ReversePath) o).mailbox, mailbox);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(mailbox);
    }

    /** The canonical form with angle brackets, e.g. {@code <a@b.example>} or {@code <>}. */
    @Override
    public String toString() {
        return mailbox == null ? "<>" : "<" + mailbox + ">";
    }
}
