package dev.pillarbox.smtp.plugins.api;

import dev.pillarbox.smtp.core.Reply;
import java.util.List;
import java.util.Objects;

/**
 * A message every required delivery target committed, as the {@link AfterStoreHook}s see it.
 *
 * @param queueId the id the client was given ({@code 250 2.0.0 OK: queued as <id>}): the first required target's
 * @param envelope the final envelope of the transaction
 * @param replies what the client was sent (one reply; under LMTP one per recipient, RFC 2033 4.2)
 * @param octets the message's size as committed, with the trace header
 * @param targets the names of the targets that committed it, in order (optional targets that failed are not among
 *     them)
 */
public record AcceptedMessage(String queueId, Envelope envelope, List<Reply> replies, long octets,
        List<String> targets) {

    /** Validates and copies the components. */
    public AcceptedMessage {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(envelope, "envelope");
        replies = List.copyOf(replies);
        targets = List.copyOf(targets);
        if (octets < 0) {
            throw new IllegalArgumentException("octets must not be negative: " + octets);
        }
    }
}
