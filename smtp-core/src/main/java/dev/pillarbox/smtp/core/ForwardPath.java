package dev.pillarbox.smtp.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The forward-path of RCPT TO (RFC 5321 4.1.1.3): {@code <mailbox>} or the special {@code <Postmaster>}
 * without a domain (case-insensitive), which every server must accept for its own postmaster
 * (RFC 5321 4.5.1). A source route ({@code <@a.example,@b.example:user@c.example>}) is accepted and dropped
 * (RFC 5321 4.1.1.3, appendix C). The whole path is at most 256 octets (4.5.3.1.3). Immutable.
 */
public final class ForwardPath {

    private static final ForwardPath POSTMASTER = new ForwardPath(null);

    private final Mailbox mailbox;

    private ForwardPath(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    /**
     * Parses an ASCII forward-path with its angle brackets, e.g. {@code "<x@y.example>"} or
     * {@code "<postmaster>"}.
     *
     * @throws AddressSyntaxException if it is not a valid forward-path
     */
    public static ForwardPath parse(String text) throws AddressSyntaxException {
        return parse(text, false);
    }

    /**
     * Parses a forward-path with its angle brackets; UTF-8 is accepted only if {@code utf8Allowed}.
     *
     * @throws AddressSyntaxException if it is not a valid forward-path (kinds SYNTAX, TOO_LONG,
     *     NON_ASCII_WITHOUT_SMTPUTF8)
     */
    public static ForwardPath parse(String text, boolean utf8Allowed) throws AddressSyntaxException {
        Objects.requireNonNull(text, "text");
        AddressParser p = new AddressParser(text, 0, utf8Allowed);
        ForwardPath path = fromParser(p.forwardPath());
        p.requireEnd("the path");
        return path;
    }

    static ForwardPath fromParser(Mailbox mailboxOrNull) {
        return mailboxOrNull == null ? POSTMASTER : new ForwardPath(mailboxOrNull);
    }

    /** The forward-path for {@code mailbox}. */
    public static ForwardPath of(Mailbox mailbox) {
        return new ForwardPath(Objects.requireNonNull(mailbox, "mailbox"));
    }

    /** The domain-less {@code <Postmaster>}. */
    public static ForwardPath postmaster() {
        return POSTMASTER;
    }

    /**
     * True only for the domain-less {@code <Postmaster>}; for {@code <postmaster@domain>} use
     * {@code mailbox().map(Mailbox::isPostmaster)}.
     */
    public boolean isPostmaster() {
        return mailbox == null;
    }

    /** The mailbox; empty for the domain-less {@code <Postmaster>}. */
    public Optional<Mailbox> mailbox() {
        return Optional.ofNullable(mailbox);
    }

    /** The mailbox, with {@code <Postmaster>} resolved to {@code postmaster@localDomain}. */
    public Mailbox mailbox(Domain localDomain) {
        return mailbox != null ? mailbox : Mailbox.of("postmaster", localDomain);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForwardPath && Objects.equals(((ForwardPath) o).mailbox, mailbox);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(mailbox);
    }

    /** The canonical form with angle brackets, e.g. {@code <x@y.example>} or {@code <Postmaster>}. */
    @Override
    public String toString() {
        return mailbox == null ? "<Postmaster>" : "<" + mailbox + ">";
    }
}
