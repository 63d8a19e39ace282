package dev.pillarbox.milter.plugin;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.milter.ConnectInfo;
import dev.pillarbox.smtp.milter.Decision;
import dev.pillarbox.smtp.milter.EndOfMessage;
import dev.pillarbox.smtp.milter.FilteredMessage;
import dev.pillarbox.smtp.milter.MilterClient;
import dev.pillarbox.smtp.milter.MilterSession;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.DisconnectHook;
import dev.pillarbox.smtp.plugins.api.HeloHook;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.TransactionEnd;
import dev.pillarbox.smtp.plugins.api.TransactionEndedHook;
import dev.pillarbox.smtp.plugins.api.UnknownCommandHook;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The milter plugin's hooks: one {@link dev.pillarbox.smtp.milter.MilterChain} per SMTP session, opened when the
 * client connects and closed when it leaves, and one filter event per SMTP stage, as Postfix's smtpd sends them
 * after its own checks (so these hooks run {@link HookPosition#LATE}). Each filter's decision is logged (continue at
 * DEBUG, anything else at INFO, each filter's end-of-message answer at INFO) and answered as
 * {@link FilterReplies} says.
 */
@Singleton
final class MilterHooks implements ConnectHook, HeloHook, MailHook, RcptHook, DataHook, MessageHook,
        TransactionEndedHook, DisconnectHook, UnknownCommandHook {

    private static final Logger LOG = LoggerFactory.getLogger(MilterHooks.class);

    private final MilterClient client;
    private final MilterSettings settings;
    private final MessageFilter messages;
    // per SMTP session, by session id; removed at disconnect
    private final Map<String, FilterConversation> conversations = new ConcurrentHashMap<>();

    @Inject
    MilterHooks(MilterClient client, MilterSettings settings, MessageFilter messages) {
        this.client = client;
        this.settings = settings;
        this.messages = messages;
    }

    /** After the server's and the policy plugins' checks: the filters see only what the server took. */
    @Override
    public HookPosition position() {
        return HookPosition.LATE;
    }

    @Override
    public HookResult onConnect(SessionView session) {
        FilterConversation c = new FilterConversation(session,
                macros -> client.openChain(settings.filters(), macros));
        conversations.put(session.id(), c);
        ConnectInfo info = session.remoteAddress().getAddress() == null
                ? ConnectInfo.unknown("unknown") : ConnectInfo.of(session.remoteAddress(), null);
        return FilterReplies.envelope(each(c, "connect", s -> s.connect(info)));
    }

    @Override
    public HookResult onHelo(SessionView session, String heloName, boolean extended) {
        FilterConversation c = conversation(session);
        if (c == null) {
            return HookResult.next();
        }
        c.resetTransaction(); // a greeting ends any transaction (RFC 5321 4.1.4)
        return FilterReplies.envelope(each(c, "helo", s -> s.helo(heloName)));
    }

    /** SMFIC_UNKNOWN, as Postfix sends it: a filter's refusal replaces the server's 500. */
    @Override
    public HookResult onUnknownCommand(SessionView session, String commandLine) {
        FilterConversation c = conversation(session);
        if (c == null) {
            return HookResult.next();
        }
        return FilterReplies.envelope(each(c, "unknown", s -> s.unknown(commandLine)));
    }

    @Override
    public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
        FilterConversation c = conversation(session);
        if (c == null) {
            return HookResult.next();
        }
        c.startTransaction(reversePath.mailbox().map(Object::toString).orElse(""));
        Decision d = each(c, "mail", s -> s.mail(reversePath.toString(), words(parameters)));
        if (d instanceof Decision.Discard) {
            c.discard();
            return HookResult.next();
        }
        if (!d.proceeds()) {
            c.refusedMail();
        }
        return FilterReplies.envelope(d);
    }

    @Override
    public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
        FilterConversation c = conversation(session);
        if (c == null || c.discards()) {
            return HookResult.next(); // discarded: the filters see no more of this transaction (as Postfix)
        }
        c.rcpt(forwardPath.mailbox().map(Object::toString).orElse("Postmaster"));
        Decision d = each(c, "rcpt", s -> s.rcpt(forwardPath.toString(), words(parameters)));
        if (d instanceof Decision.Discard) {
            c.discard(); // Postfix: a discard at RCPT discards the whole message
            return HookResult.next();
        }
        return FilterReplies.envelope(d);
    }

    @Override
    public HookResult onData(SessionView session) {
        FilterConversation c = conversation(session);
        if (c == null || c.discards()) {
            return HookResult.next();
        }
        Decision d = each(c, "data", MilterSession::data);
        if (d instanceof Decision.Discard) {
            c.discard();
            return HookResult.next();
        }
        return FilterReplies.envelope(d);
    }

    @Override
    public HookResult onMessage(SessionView session, Message message) throws IOException {
        FilterConversation c = conversation(session);
        if (c == null) {
            return HookResult.next();
        }
        try {
            if (c.discards()) {
                return messages.discard(c); // a filter said discard at MAIL, RCPT or DATA
            }
            FilteredMessage filtered = c.chain().message(messages.contentOf(message));
            for (EndOfMessage answer : filtered.answers()) {
                LOG.info("milter {}: end of message {}: {}{}{}", answer.filter(), c.queueId(), answer.decision(),
                        answer.modifications().isEmpty() ? "" : ", changes " + answer.modifications(),
                        answer.quarantine().map(q -> ", quarantine \"" + q + "\"").orElse(""));
            }
            Decision d = filtered.decision();
            if (d instanceof Decision.Discard) {
                return messages.discard(c);
            }
            if (!d.proceeds()) {
                return FilterReplies.envelope(d);
            }
            return messages.apply(c, message, filtered);
        } finally {
            c.endTransaction();
        }
    }

    /**
     * RSET, a new greeting, a message refused before the filters saw its end: SMFIC_ABORT at once, as Postfix sends
     * it (a transaction the filters already ended at end of message is not aborted again).
     */
    @Override
    public void onTransactionEnded(SessionView session, Envelope envelope, TransactionEnd reason) {
        FilterConversation c = conversation(session);
        if (c != null) {
            c.resetTransaction();
        }
    }

    @Override
    public void onDisconnect(SessionView session) {
        FilterConversation c = conversations.remove(session.id());
        if (c != null) {
            c.close();
        }
    }

    private FilterConversation conversation(SessionView session) {
        FilterConversation c = conversations.get(session.id());
        if (c != null) {
            c.at(session);
        }
        return c;
    }

    /**
     * The event to each filter in order until one answers other than continue or accept, as
     * {@code MilterChain} does; here so that the deciding filter is named in the log.
     */
    private static Decision each(FilterConversation c, String stage, Function<MilterSession, Decision> event) {
        for (MilterSession s : c.chain().sessions()) {
            Decision d = event.apply(s);
            if (d == Decision.CONTINUE) {
                LOG.debug("milter {}: {} {}: {}", s.filter(), stage, c.queueIdOrSession(), d);
            } else {
                LOG.info("milter {}: {} {}: {}", s.filter(), stage, c.queueIdOrSession(), d);
            }
            if (!d.proceeds()) {
                return d;
            }
        }
        return Decision.CONTINUE;
    }

    /** ESMTP parameters as the milter sends them, one {@code KEYWORD=value} (or {@code KEYWORD}) each. */
    private static List<String> words(EsmtpParameters parameters) {
        List<String> out = new ArrayList<>(parameters.size());
        parameters.asMap().forEach((k, v) -> out.add(v.isEmpty() ? k : k + "=" + v));
        return out;
    }
}
