package dev.pillarbox.smtp.milter;

import java.util.Objects;
import java.util.Optional;

import dev.pillarbox.smtp.core.Reply;

/**
 * A filter's answer to one event, as the SMTP side should act on it. Sealed: a caller switches over the kinds.
 *
 * <ul>
 *   <li>{@link Continue}: go on (SMFIR_CONTINUE, or no reply because the filter negotiated none, or an event the
 *       filter does not want);</li>
 *   <li>{@link Accept}: the filter wants no more events for this message (after MAIL and later) or for the whole
 *       connection (after connect or HELO); the SMTP side goes on as for continue;</li>
 *   <li>{@link Reject} and {@link Tempfail}: answer the SMTP command with the reply (the filter's own from
 *       SMFIR_REPLYCODE, or Postfix's default wording);</li>
 *   <li>{@link Discard}: accept the message with 250 and throw it away;</li>
 *   <li>{@link Shutdown}: answer 421 and close the SMTP connection;</li>
 *   <li>{@link Failed}: the filter is down, timed out or broke the protocol; apply its default action.</li>
 * </ul>
 */
public sealed interface Decision {

    /** Go on. */
    Continue CONTINUE = new Continue();

    /** The filter accepts; no more events for this message or connection. */
    Accept ACCEPT = new Accept();

    /** Accept the message and throw it away. */
    Discard DISCARD = new Discard();

    /** True when the SMTP side should go on with the command (continue, accept, or a failed filter whose default
     * action is accept). */
    default boolean proceeds() {
        return false;
    }

    /** The reply to send instead of the normal one, if this decision has one. */
    default Optional<Reply> smtpReply() {
        return Optional.empty();
    }

    /** True when the SMTP connection should be closed after the reply (421). */
    default boolean closesConnection() {
        return smtpReply().map(r -> r.code().value() == 421).orElse(false);
    }

    /** The decision for a reply the filter set with SMFIR_REPLYCODE: 4xx is a tempfail, 5xx a reject. */
    static Decision ofReply(Reply reply) {
        if (reply.code().isTransient()) {
            return new Tempfail(reply);
        }
        if (reply.code().isPermanent()) {
            return new Reject(reply);
        }
        throw new IllegalArgumentException("a filter's reply is 4xx or 5xx, not " + reply.code());
    }

    /** SMFIR_CONTINUE, or nothing to wait for. */
    final class Continue implements Decision {
        private Continue() {
        }

        @Override
        public boolean proceeds() {
            return true;
        }

        @Override
        public String toString() {
            return "continue";
        }
    }

    /** SMFIR_ACCEPT. */
    final class Accept implements Decision {
        private Accept() {
        }

        @Override
        public boolean proceeds() {
            return true;
        }

        @Override
        public String toString() {
            return "accept";
        }
    }

    /** SMFIR_DISCARD: 250 to the client, nothing delivered. */
    final class Discard implements Decision {
        private Discard() {
        }

        @Override
        public String toString() {
            return "discard";
        }
    }

    /** SMFIR_REJECT or a 5xx SMFIR_REPLYCODE. */
    record Reject(Reply reply) implements Decision {
        public Reject {
            Objects.requireNonNull(reply, "reply");
            if (!reply.code().isPermanent()) {
                throw new IllegalArgumentException("a reject reply is 5xx, not " + reply.code());
            }
        }

        @Override
        public Optional<Reply> smtpReply() {
            return Optional.of(reply);
        }

        @Override
        public String toString() {
            return "reject: " + reply;
        }
    }

    /** SMFIR_TEMPFAIL or a 4xx SMFIR_REPLYCODE. */
    record Tempfail(Reply reply) implements Decision {
        public Tempfail {
            Objects.requireNonNull(reply, "reply");
            if (!reply.code().isTransient()) {
                throw new IllegalArgumentException("a tempfail reply is 4xx, not " + reply.code());
            }
        }

        @Override
        public Optional<Reply> smtpReply() {
            return Optional.of(reply);
        }

        @Override
        public String toString() {
            return "tempfail: " + reply;
        }
    }

    /** SMFIR_SHUTDOWN or SMFIR_CONN_FAIL: 421, then close the connection. */
    record Shutdown(Reply reply) implements Decision {
        public Shutdown {
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public Optional<Reply> smtpReply() {
            return Optional.of(reply);
        }

        @Override
        public boolean closesConnection() {
            return true;
        }

        @Override
        public String toString() {
            return "shutdown: " + reply;
        }
    }

    /**
     * The filter failed: {@code reason} says why ("filter failed: ..."); {@code defaultAction} says what to do,
     * and {@link #smtpReply()} is its reply (none for accept).
     */
    record Failed(String filter, String reason, DefaultAction defaultAction) implements Decision {
        public Failed {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(defaultAction, "defaultAction");
        }

        @Override
        public boolean proceeds() {
            return defaultAction == DefaultAction.ACCEPT;
        }

        @Override
        public Optional<Reply> smtpReply() {
            return defaultAction.reply();
        }

        @Override
        public String toString() {
            return "milter " + filter + ": " + reason + " (default action " + defaultAction + ")";
        }
    }
}
