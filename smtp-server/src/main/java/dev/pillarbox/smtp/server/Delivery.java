package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.AcceptedMessage;
import dev.pillarbox.smtp.plugins.api.AfterStoreHook;
import dev.pillarbox.smtp.plugins.api.BodyResult;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.TransactionEnd;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every message, whether it came by DATA or BDAT ({@code Outcome.Deliver}): refuse a body that was
 * refused while it was read, run the {@link MessageHook}s in order, commit the {@link MessageTransaction}'s required
 * delivery targets and answer {@code 250 2.0.0 OK: queued as <id>} (under LMTP one reply per recipient, RFC 2033
 * 4.2). Once that reply is sent ({@link ServerSession#runAfterReply()}), the optional targets commit and the
 * {@link AfterStoreHook}s run. The transaction is over afterwards whatever happened; one that stored nothing ends
 * as {@link TransactionEnd#REJECTED}, or {@link TransactionEnd#DISCARDED} when a message hook discarded it (or the
 * hooks removed every recipient): the client then gets the hook's 2yz reply (the usual 250) while every target's
 * writer is aborted. An {@link IOException} from a required target or a hook is answered
 * {@code 451 4.3.0} and the session goes on. The final reply, the hooks' time and each target's commit are
 * reported to the {@link ServerEvents}.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final List<MessageHook> hooks;
    private final TransactionStages stages;
    private final ServerEvents events;

    Delivery(Collection<MessageHook> hooks, TransactionStages stages, ServerEvents events) {
        this.hooks = Hooks.inOrder(hooks);
        this.stages = stages;
        this.events = events;
    }

    /** Finishes {@code message}, the body just read in {@code session}'s transaction, and ends the transaction. */
    Outcome deliver(ServerSession session, MessageTransaction message) {
        Outcome outcome = finish(session, message);
        if (!message.discards()) {
            events.message(finalCode(outcome), message.octets());
        }
        return outcome;
    }

    /** The best code among the replies to a message: under LMTP it was accepted when any recipient's reply was. */
    private static int finalCode(Outcome outcome) {
        if (outcome instanceof Outcome.RespondThenClose close) {
            return close.reply().code().value(); // a message hook's DISCONNECT
        }
        int best = 599;
        for (Reply reply : ((Outcome.Respond) outcome).replies()) {
            best = Math.min(best, reply.code().value());
        }
        return best;
    }

    private Outcome finish(ServerSession session, MessageTransaction message) {
        boolean stored = false;
        boolean discarded = false;
        try {
            if (message.violation() != BodyResult.Violation.NONE) {
                return Outcome.reply(violationReply(message.violation()));
            }
            if (message.discards()) {
                return Outcome.reply(Replies.LOCAL_ERROR); // a chunk read outside a transaction: nothing to store
            }
            int acceptedBefore = session.messagesAccepted();
            Result result = deliver(session, session.envelope(), message);
            stored = session.messagesAccepted() > acceptedBefore;
            discarded = result.discarded();
            return result.outcome();
        } catch (IOException e) {
            LOG.warn("message not stored: {}", e.toString());
            return Outcome.reply(Replies.LOCAL_ERROR);
        } finally {
            if (stored) {
                session.endStoredTransaction();
            } else {
                // the end of the transaction aborts every writer, required and optional: nothing is stored
                session.endTransaction(discarded ? TransactionEnd.DISCARDED : TransactionEnd.REJECTED);
            }
        }
    }

    private Result deliver(ServerSession session, Envelope envelope, MessageTransaction transaction)
            throws IOException {
        EditableMessage message = transaction.asMessage(envelope);
        Map<Recipient, Reply> refused = new LinkedHashMap<>();
        Reply accepted = null;
        long hooksStart = System.nanoTime();
        try {
            for (MessageHook hook : hooks) {
                HookResult result = hook.onMessage(session, message);
                if (result == null) {
                    throw new NullPointerException(hook.getClass().getName()
                            + " returned null instead of a HookResult");
                }
                refused.putAll(result.recipientReplies());
                var refusal = Hooks.refusal(result);
                if (refusal.isPresent()) {
                    return new Result(refusal.get(), false);
                }
                if (result.kind() == HookResult.Kind.DISCARD) {
                    return discarded(session, envelope, refused, result.reply().orElseThrow(),
                            "message hook " + hook.getClass().getName());
                }
                if (result.kind() == HookResult.Kind.ACCEPT) {
                    accepted = result.reply().orElse(null);
                    break;
                }
            }
        } finally {
            if (!hooks.isEmpty()) {
                events.hookStage(ServerEvents.HookStage.MESSAGE, System.nanoTime() - hooksStart);
            }
        }
        List<Recipient> recipients = envelope.recipients();
        if (session.protocol() != Protocol.LMTP && !refused.isEmpty() && refused.keySet().containsAll(recipients)) {
            // SMTP has one reply per message: refuse it only when every recipient was refused
            return new Result(Outcome.reply(refused.get(recipients.get(0))), false);
        }
        if (session.protocol() == Protocol.LMTP && refused.keySet().containsAll(recipients)) {
            return new Result(Outcome.replies(lmtpReplies(recipients, refused, null)), false);
        }
        if (message.envelope().recipients().isEmpty()) {
            // Postfix: a message whose filters deleted every recipient is accepted and delivered to nobody
            return discarded(session, envelope, refused, accepted != null ? accepted : Replies.messageAccepted(
                    session.id() + "." + session.transactions()), "message hooks that removed every recipient");
        }
        message.commitChanges(); // header and envelope edits go into the targets as the message is committed
        MessageTransaction.Committed committed = transaction.commit(events);
        String id = committed.id();
        session.messageAccepted();
        Reply ok = accepted != null ? accepted : Replies.messageAccepted(id);
        LOG.debug("message {} stored: {} octets, {} recipient(s)", id, committed.octets(), recipients.size());
        Outcome outcome = session.protocol() == Protocol.LMTP
                ? Outcome.replies(lmtpReplies(recipients, refused, ok)) : Outcome.reply(ok);
        if (!committed.optional().isEmpty() || stages.hasAfterStore()) { // else nothing waits for the reply
            List<Reply> replies = ((Outcome.Respond) outcome).replies();
            Envelope stored = message.envelope(); // with the hooks' envelope changes, as the targets got it
            session.afterReply(() -> afterReply(session, stored, committed, replies));
        }
        return new Result(outcome, false);
    }

    /**
     * A discarded message's answer: {@code reply} (2yz) to the client, under LMTP once per recipient that a hook did
     * not refuse (RFC 2033 4.2); nothing is committed, and {@link #finish} ends the transaction as discarded, which
     * aborts every writer.
     */
    private static Result discarded(ServerSession session, Envelope envelope, Map<Recipient, Reply> refused,
            Reply reply, String by) {
        LOG.info("message {}.{} discarded by {}: answered {}, stored nowhere", session.id(), session.transactions(),
                by, reply.code().value());
        List<Reply> replies = session.protocol() == Protocol.LMTP
                ? lmtpReplies(envelope.recipients(), refused, reply) : List.of(reply);
        return new Result(Outcome.replies(replies), true);
    }

    /** What {@link #deliver} answered, and whether it discarded the message. */
    private record Result(Outcome outcome, boolean discarded) {
    }

    /** After the reply: the optional targets commit (a failure is logged), then the after-store hooks run. */
    private void afterReply(ServerSession session, Envelope envelope, MessageTransaction.Committed committed,
            List<Reply> replies) {
        List<String> targets = new ArrayList<>(committed.targets());
        for (MessageTransaction.TargetWriter optional : committed.optional()) {
            long start = System.nanoTime();
            boolean ok = false;
            try {
                optional.writer().commit();
                ok = true;
                targets.add(optional.name());
            } catch (IOException | RuntimeException e) {
                optional.writer().abort();
                LOG.warn("optional delivery target {} failed to commit message {}: {}", optional.name(),
                        committed.id(), e.toString());
            } finally {
                events.commit(optional.name(), System.nanoTime() - start, ok);
            }
        }
        stages.afterStore(session, new AcceptedMessage(committed.id(), envelope, replies, committed.octets(),
                targets));
    }

    // RFC 2033 4.2: after the final dot, one reply per successful RCPT, in RCPT order
    private static List<Reply> lmtpReplies(List<Recipient> recipients, Map<Recipient, Reply> refused, Reply ok) {
        List<Reply> replies = new ArrayList<>(recipients.size());
        for (Recipient recipient : recipients) {
            replies.add(refused.getOrDefault(recipient, ok));
        }
        return replies;
    }

    /** The answer to a body the codec or the store refused. */
    static Reply violationReply(BodyResult.Violation violation) {
        return switch (violation) {
            case TOO_LARGE -> Replies.MESSAGE_TOO_BIG;
            case BARE_LINE_ENDING -> Replies.BARE_LINE_ENDING_IN_BODY;
            case LINE_TOO_LONG -> Replies.BODY_LINE_TOO_LONG;
            case STORE_FAILED -> Replies.LOCAL_ERROR;
            case NONE -> throw new IllegalArgumentException("not a violation: " + violation);
        };
    }
}
