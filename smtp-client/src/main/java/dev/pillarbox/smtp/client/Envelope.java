package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.ReversePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client sends around a message (RFC 5321 3.3): the reverse-path of MAIL FROM, the recipients of RCPT TO,
 * and the MAIL parameters the client chooses: BODY, SMTPUTF8, and the DSN parameters RET and ENVID (RFC 3461 4.3,
 * 4.4). SIZE is not chosen here: the client declares it from the message when the server offers SIZE. Immutable;
 * made by {@link #builder()} or {@link #of(String, String...)}.
 *
 * <pre>{@code
 * Envelope envelope = Envelope.builder().from("alice@example.org")
 *         .to(Recipient.parse("bob@example.net").withNotify(DsnNotify.FAILURE))
 *         .dsnReturn(DsnReturn.HDRS).envelopeId("QQ314159").build();
 * }</pre>
 */
public final class Envelope {

    private final ReversePath reversePath;
    private final List<Recipient> recipients;
    private final BodyType bodyType;
    private final boolean smtpUtf8;
    private final DsnReturn dsnReturn;
    private final String envelopeId;

    private Envelope(Builder b) {
        this.reversePath = Objects.requireNonNull(b.reversePath, "reverse-path (from)");
        if (b.recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        this.recipients = List.copyOf(b.recipients);
        this.bodyType = b.bodyType;
        boolean utf8 = b.smtpUtf8 || (reversePath.mailbox().isPresent() && !reversePath.mailbox().get().isAscii());
        for (Recipient r : recipients) {
            utf8 |= r.needsSmtpUtf8();
        }
        this.smtpUtf8 = utf8;
        this.dsnReturn = b.dsnReturn;
        this.envelopeId = b.envelopeId;
    }

    /** An envelope from {@code from} to {@code to}, without parameters. Addresses as in {@link Recipient#parse}. */
    public static Envelope of(String from, String... to) {
        Builder b = builder().from(from);
        for (String t : to) {
            b.to(t);
        }
        return b.build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The reverse-path. */
    public ReversePath reversePath() {
        return reversePath;
    }

    /** The recipients in the order RCPT TO sends them. */
    public List<Recipient> recipients() {
        return recipients;
    }

    /** The BODY type. */
    public BodyType bodyType() {
        return bodyType;
    }

    /** True if MAIL carries SMTPUTF8: asked for, or needed by a non-ASCII address (RFC 6531 3.4). */
    public boolean smtpUtf8() {
        return smtpUtf8;
    }

    /** RET, if set. */
    public Optional<DsnReturn> dsnReturn() {
        return Optional.ofNullable(dsnReturn);
    }

    /** ENVID, decoded, if set. */
    public Optional<String> envelopeId() {
        return Optional.ofNullable(envelopeId);
    }

    /** True if any DSN parameter (RET, ENVID, NOTIFY, ORCPT) is set. */
    public boolean hasDsnParameters() {
        return dsnReturn != null || envelopeId != null || recipients.stream().anyMatch(Recipient::hasDsnParameters);
    }

    @Override
    public String toString() {
        return "Envelope[from " + reversePath + " to " + recipients + (bodyType == BodyType.SEVEN_BIT ? ""
                : ", BODY=" + bodyType.parameter()) + (smtpUtf8 ? ", SMTPUTF8" : "") + "]";
    }

    static ForwardPath forwardPath(String address) {
        try {
            return ForwardPath.parse(bracketed(address), true);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("invalid recipient address \"" + address + "\": " + e.getMessage(), e);
        }
    }

    static ReversePath reversePath(String address) {
        try {
            return ReversePath.parse(bracketed(address), true);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("invalid sender address \"" + address + "\": " + e.getMessage(), e);
        }
    }

    private static String bracketed(String address) {
        Objects.requireNonNull(address, "address");
        return address.startsWith("<") ? address : "<" + address + ">";
    }

    /** Collects the envelope. */
    public static final class Builder {
        private ReversePath reversePath;
        private final List<Recipient> recipients = new ArrayList<>();
        private BodyType bodyType = BodyType.SEVEN_BIT;
        private boolean smtpUtf8;
        private DsnReturn dsnReturn;
        private String envelopeId;

        private Builder() {
        }

        /** The sender, with or without angle brackets; {@code ""} or {@code "<>"} is the null reverse-path. */
        public Builder from(String address) {
            this.reversePath = address.isEmpty() ? ReversePath.nullPath() : reversePath(address);
            return this;
        }

        /** The reverse-path. */
        public Builder from(ReversePath path) {
            this.reversePath = Objects.requireNonNull(path, "path");
            return this;
        }

        /** Adds a recipient by address (see {@link Recipient#parse}). */
        public Builder to(String address) {
            return to(Recipient.parse(address));
        }

        /** Adds a recipient. */
        public Builder to(Recipient recipient) {
            recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /** The BODY type (default {@link BodyType#SEVEN_BIT}, no parameter). */
        public Builder body(BodyType type) {
            this.bodyType = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Send SMTPUTF8 even if every address is ASCII, e.g. for UTF-8 header fields (RFC 6531 3.4). */
        public Builder smtpUtf8(boolean smtpUtf8) {
            this.smtpUtf8 = smtpUtf8;
            return this;
        }

        /** RET (RFC 3461 4.3). */
        public Builder dsnReturn(DsnReturn ret) {
            this.dsnReturn = Objects.requireNonNull(ret, "ret");
            return this;
        }

        /**
         * ENVID (RFC 3461 4.4), given decoded; it is sent as xtext.
         *
         * @throws IllegalArgumentException if it is empty, not printable ASCII, or over 100 characters encoded
         */
        public Builder envelopeId(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isEmpty() || id.chars().anyMatch(c -> c < ' ' || c > '~')) {
                throw new IllegalArgumentException("ENVID must be non-empty printable ASCII: \"" + id + "\"");
            }
            if (Xtext.encode(id).length() > 100) {
                throw new IllegalArgumentException("ENVID is longer than RFC 3461 4.4's 100 characters once encoded");
            }
            this.envelopeId = id;
            return this;
        }

        /**
         * The envelope.
         *
         * @throws NullPointerException if no sender was given
         * @throws IllegalArgumentException if there is no recipient
         */
        public Envelope build() {
            return new Envelope(this);
        }
    }
}
