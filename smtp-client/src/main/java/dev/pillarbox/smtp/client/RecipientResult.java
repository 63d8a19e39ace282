package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.Reply;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one recipient: its status and the reply that decided it. That reply is the RCPT reply when RCPT
 * was refused; MAIL's (or RSET's) when that refused the whole transaction; DATA's or a BDAT chunk's when the message
 * was refused before its end; otherwise the reply after the message (with LMTP, this recipient's own reply).
 *
 * @param recipient the recipient
 * @param status accepted, deferred or refused
 * @param reply the deciding reply
 * @param rcptReply the reply to this recipient's RCPT, if RCPT was sent and answered
 */
public record RecipientResult(Recipient recipient, RecipientStatus status, Reply reply, Optional<Reply> rcptReply) {

    /** Validates the components. */
    public RecipientResult {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(rcptReply, "rcptReply");
    }

    static RecipientStatus statusOf(Reply reply) {
        return reply.code().isPositive() ? RecipientStatus.ACCEPTED
                : reply.code().isTransient() ? RecipientStatus.DEFERRED : RecipientStatus.REFUSED;
    }

    /** E.g. {@code <bob@example.net> REFUSED 550 5.1.1 No such user}. */
    @Override
    public String toString() {
        return recipient + " " + status + " " + reply.toString().replace("\r\n", " / ");
    }
}
