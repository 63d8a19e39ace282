package dev.pillarbox.forward;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One recipient of a queued message and where its delivery stands.
 *
 * @param address the recipient's mailbox, e.g. {@code bob@example.org} (no angle brackets)
 * @param parameters its RCPT parameters as received (NOTIFY, ORCPT in xtext), keyword to value
 * @param state pending, sent or bounced
 * @param attempts delivery attempts so far
 * @param nextAttempt when it is due next (for a pending recipient)
 * @param lastReply the next hop's last reply or what went wrong, empty before the first attempt
 * @param relay the next hop of the last attempt, e.g. {@code host[127.0.0.1]:25}, or {@code none}
 * @param delayNotified whether a delay notice was sent for it
 */
public record QueuedRecipient(String address, Map<String, String> parameters, State state, int attempts,
        Instant nextAttempt, String lastReply, String relay, boolean delayNotified) {

    /** Where a recipient's delivery stands. */
    public enum State {
        /** Not yet delivered: due at its next attempt. */
        PENDING,
        /** The next hop took it (2yz): final. */
        SENT,
        /** Refused (5yz) or out of time: final, reported to the sender. */
        BOUNCED;

        /** True for SENT and BOUNCED. */
        public boolean isFinal() {
            return this != PENDING;
        }
    }

    /** Validates the components. */
    public QueuedRecipient {
        Objects.requireNonNull(address, "address");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(state, "state");
        // the state file keeps milliseconds
        nextAttempt = nextAttempt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Objects.requireNonNull(lastReply, "lastReply");
        Objects.requireNonNull(relay, "relay");
    }

    /** A new recipient, due at {@code now}. */
    static QueuedRecipient fresh(String address, Map<String, String> parameters, Instant now) {
        return new QueuedRecipient(address, parameters, State.PENDING, 0, now, "", "none", false);
    }

    /** The recipient's domain, lower case. */
    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Its RCPT parameter {@code keyword}, if given. */
    public Optional<String> parameter(String keyword) {
        return Optional.ofNullable(parameters.get(keyword));
    }

    /** This recipient after an attempt that ended in {@code state}. */
    QueuedRecipient attempted(State newState, Instant next, String reply, String newRelay) {
        return new QueuedRecipient(address, parameters, newState, attempts + 1, next, reply, newRelay,
                delayNotified);
    }

    /** This recipient with its held delay notice marked as sent. */
    QueuedRecipient withDelayNotified() {
        return new QueuedRecipient(address, parameters, state, attempts, nextAttempt, lastReply, relay, true);
    }

    /** This recipient due at {@code when} (a flush makes every pending recipient due now). */
    QueuedRecipient dueAt(Instant when) {
        return new QueuedRecipient(address, parameters, state, attempts, when, lastReply, relay, delayNotified);
    }
}
