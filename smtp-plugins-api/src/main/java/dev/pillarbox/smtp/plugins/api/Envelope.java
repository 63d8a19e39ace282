package dev.pillarbox.smtp.plugins.api;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.ReversePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP envelope of one mail transaction (RFC 5321 2.3.1): reverse-path, MAIL parameters, accepted
 * recipients and typed attributes that extensions attach (e.g. DSN's decoded ENVID). Immutable: MAIL, RCPT,
 * RSET and message completion replace the session's envelope as a whole.
 */
public final class Envelope {

    private static final Envelope EMPTY = new Envelope(null, EsmtpParameters.empty(), List.of(), Map.of());

    private final ReversePath reversePath;
    private final EsmtpParameters mailParameters;
    private final List<Recipient> recipients;
    private final Map<AttributeKey<?>, Object> attributes;

    private Envelope(ReversePath reversePath, EsmtpParameters mailParameters, List<Recipient> recipients,
            Map<AttributeKey<?>, Object> attributes) {
        this.reversePath = reversePath;
        this.mailParameters = mailParameters;
        this.recipients = recipients;
        this.attributes = attributes;
    }

    /** The envelope before MAIL FROM. */
    public static Envelope empty() {
        return EMPTY;
    }

    /** A new transaction's envelope after MAIL FROM. */
    public static Envelope of(ReversePath reversePath, EsmtpParameters mailParameters) {
        return new Envelope(Objects.requireNonNull(reversePath, "reversePath"),
                Objects.requireNonNull(mailParameters, "mailParameters"), List.of(), Map.of());
    }

    /** True once MAIL FROM was accepted. */
    public boolean hasSender() {
        return reversePath != null;
    }

    /** The reverse-path; empty before MAIL FROM. The null path {@code <>} is present and {@code isNull()}. */
    public Optional<ReversePath> reversePath() {
        return Optional.ofNullable(reversePath);
    }

    /** The MAIL FROM parameters. */
    public EsmtpParameters mailParameters() {
        return mailParameters;
    }

    /** The accepted recipients in the order they were given. */
    public List<Recipient> recipients() {
        return recipients;
    }

    /** This envelope with one more recipient. */
    public Envelope withRecipient(Recipient recipient) {
        if (reversePath == null) {
            throw new IllegalStateException("a recipient before MAIL FROM");
        }
        List<Recipient> list = new ArrayList<>(recipients.size() + 1);
        list.addAll(recipients);
        list.add(Objects.requireNonNull(recipient, "recipient"));
        return new Envelope(reversePath, mailParameters, Collections.unmodifiableList(list), attributes);
    }

    /**
     * This envelope without the recipients whose forward-path is {@code forwardPath} (mailboxes compare as RFC 5321
     * 2.4 says: the local part exactly, the domain without regard to case); this envelope itself when there is none.
     */
    public Envelope withoutRecipient(ForwardPath forwardPath) {
        Objects.requireNonNull(forwardPath, "forwardPath");
        List<Recipient> list = new ArrayList<>(recipients.size());
        for (Recipient r : recipients) {
            if (!r.forwardPath().equals(forwardPath)) {
                list.add(r);
            }
        }
        return list.size() == recipients.size() ? this
                : new Envelope(reversePath, mailParameters, Collections.unmodifiableList(list), attributes);
    }

    /** This envelope with another reverse-path and MAIL parameters; recipients and attributes stay. */
    public Envelope withReversePath(ReversePath reversePath, EsmtpParameters mailParameters) {
        if (this.reversePath == null) {
            throw new IllegalStateException("a new reverse-path before MAIL FROM");
        }
        return new Envelope(Objects.requireNonNull(reversePath, "reversePath"),
                Objects.requireNonNull(mailParameters, "mailParameters"), recipients, attributes);
    }

    /** The attribute under {@code key}, if set. */
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        return Optional.ofNullable(key.cast(attributes.get(key)));
    }

    /** This envelope with {@code key} set to {@code value}. */
    public <T> Envelope withAttribute(AttributeKey<T> key, T value) {
        Map<AttributeKey<?>, Object> map = new HashMap<>(attributes);
        map.put(Objects.requireNonNull(key, "key"), key.cast(Objects.requireNonNull(value, "value")));
        return new Envelope(reversePath, mailParameters, recipients, Collections.unmodifiableMap(map));
    }

    @Override
    public String toString() {
        return "Envelope[from=" + reversePath + ", rcpt=" + recipients + "]";
    }
}
