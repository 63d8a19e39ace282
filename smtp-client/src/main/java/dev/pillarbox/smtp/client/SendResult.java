package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.Reply;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What happened to one message: per recipient, accepted, deferred or refused with the reply that decided it, plus
 * the replies of the transaction. Negative replies are results, not exceptions: a refused message returns normally.
 * Immutable.
 */
public final class SendResult {

    private final Reply mailReply;
    private final List<RecipientResult> recipients;
    private final Reply dataReply;
    private final List<Reply> messageReplies;
    private final long elapsedNanos;

    /** Takes ownership of the two lists, which the caller made for this result and does not keep. */
    SendResult(Reply mailReply, List<RecipientResult> recipients, Reply dataReply, List<Reply> messageReplies,
            long elapsedNanos) {
        this.mailReply = Objects.requireNonNull(mailReply, "mailReply");
        this.recipients = Collections.unmodifiableList(recipients);
        this.dataReply = dataReply;
        this.messageReplies = Collections.unmodifiableList(messageReplies);
        this.elapsedNanos = elapsedNanos;
    }

    /** The reply to MAIL FROM (or to the RSET before it, when that refused). */
    public Reply mailReply() {
        return mailReply;
    }

    /** One result per recipient, in envelope order. */
    public List<RecipientResult> recipients() {
        return recipients;
    }

    /** The reply to DATA (354 or a refusal); empty for BDAT, or when DATA was not sent. */
    public Optional<Reply> dataReply() {
        return Optional.ofNullable(dataReply);
    }

    /**
     * The replies after the end of the message: one for SMTP, one per recipient accepted at RCPT for LMTP (RFC 2033
     * 4.2, in RCPT order); empty if the message was not sent to its end.
     */
    public List<Reply> messageReplies() {
        return messageReplies;
    }

    /** True if at least one recipient accepted the message. */
    public boolean accepted() {
        for (RecipientResult r : recipients) {
            if (r.status() == RecipientStatus.ACCEPTED) {
                return true;
            }
        }
        return false;
    }

    /** True if every recipient accepted the message. */
    public boolean acceptedByAll() {
        for (RecipientResult r : recipients) {
            if (r.status() != RecipientStatus.ACCEPTED) {
                return false;
            }
        }
        return true;
    }

    /** The results with {@code status}. */
    public List<RecipientResult> withStatus(RecipientStatus status) {
        return recipients.stream().filter(r -> r.status() == status).collect(Collectors.toUnmodifiableList());
    }

    /** From the first command of the transaction written to its last reply read, in nanoseconds. */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    @Override
    public String toString() {
        return "SendResult" + recipients;
    }
}
