package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.BodyResult;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.MessageDelivery;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every message, whether it came by DATA or BDAT: refuse a body the codec flagged, run the
 * {@link MessageHook}s in order, commit the {@link MessageWriter} and answer {@code 250 2.0.0 OK: queued as <id>}
 * (under LMTP one reply per recipient, RFC 2033 4.2). The transaction is over afterwards whatever happened.
 * An {@link IOException} from the store or a hook is answered {@code 451 4.3.0} and the session goes on.
 */
final class DefaultMessageDelivery implements MessageDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultMessageDelivery.class);

    private final List<MessageHook> hooks;

    @Inject
    DefaultMessageDelivery(Set<MessageHook> hooks) {
        this.hooks = Hooks.inOrder(hooks);
    }

    @Override
    public Outcome deliver(Session session, BodyResult body) {
        if (!(session instanceof ServerSession)) {
            throw new IllegalArgumentException("not a session of this server: " + session);
        }
        ServerSession serverSession = (ServerSession) session;
        MessageWriter writer = serverSession.takeMessage();
        Envelope envelope = session.envelope();
        try {
            if (!body.ok()) {
                return Outcome.reply(violationReply(body.violation()));
            }
            if (writer == null) {
                return Outcome.reply(Replies.LOCAL_ERROR);
            }
            return deliver(serverSession, envelope, writer);
        } catch (IOException e) {
            LOG.warn("message not stored: {}", e.toString());
            return Outcome.reply(Replies.LOCAL_ERROR);
        } finally {
            if (writer != null) {
                writer.abort(); // no-op after a successful commit
            }
            session.resetTransaction();
        }
    }

    private Outcome deliver(ServerSession session, Envelope envelope, MessageWriter writer) throws IOException {
        Message message = new StoredMessage(envelope, writer);
        Map<Recipient, Reply> refused = new LinkedHashMap<>();
        Reply accepted = null;
        for (MessageHook hook : hooks) {
            HookResult result = hook.onMessage(session, message);
            if (result == null) {
                throw new NullPointerException(hook.getClass().getName() + " returned null instead of a HookResult");
            }
            refused.putAll(result.recipientReplies());
            var refusal = Hooks.refusal(result);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            if (result.kind() == HookResult.Kind.ACCEPT) {
                accepted = result.reply().orElse(null);
                break;
            }
        }
        List<Recipient> recipients = envelope.recipients();
        if (session.protocol() != Protocol.LMTP && !refused.isEmpty() && refused.keySet().containsAll(recipients)) {
            // SMTP has one reply per message: refuse it only when every recipient was refused
            return Outcome.reply(refused.get(recipients.get(0)));
        }
        if (session.protocol() == Protocol.LMTP && refused.keySet().containsAll(recipients)) {
            return Outcome.replies(lmtpReplies(recipients, refused, null));
        }
        String id = writer.commit();
        session.messageAccepted();
        Reply ok = accepted != null ? accepted : Replies.messageAccepted(id);
        LOG.debug("message {} stored: {} octets, {} recipient(s)", id, writer.size(), recipients.size());
        if (session.protocol() == Protocol.LMTP) {
            return Outcome.replies(lmtpReplies(recipients, refused, ok));
        }
        return Outcome.reply(ok);
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
        switch (violation) {
            case TOO_LARGE:
                return Replies.MESSAGE_TOO_BIG;
            case BARE_LINE_ENDING:
                return Replies.BARE_LINE_ENDING_IN_BODY;
            case LINE_TOO_LONG:
                return Replies.BODY_LINE_TOO_LONG;
            case STORE_FAILED:
                return Replies.LOCAL_ERROR;
            default:
                throw new IllegalArgumentException("not a violation: " + violation);
        }
    }

    /** What message hooks see: the envelope and the content written so far. */
    private static final class StoredMessage implements Message {
        private final Envelope envelope;
        private final MessageWriter writer;

        StoredMessage(Envelope envelope, MessageWriter writer) {
            this.envelope = envelope;
            this.writer = writer;
        }

        @Override
        public Envelope envelope() {
            return envelope;
        }

        @Override
        public long size() {
            return writer.size();
        }

        @Override
        public InputStream openContent() throws IOException {
            return writer.openContent();
        }
    }
}
