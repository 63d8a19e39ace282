package dev.pillarbox.smtp.plugins.examples.unknownverbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.AttributeKey;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Answers verbs no handler is bound for. RFC 5321 4.2.4 separates "command unrecognized" (500) from "command not
 * implemented" (502): a client that sends ETRN to a server without it learns that the verb exists but is not
 * offered here. Counting unknown verbs per session is a cheap spam-bot heuristic (a real client never sends
 * several): the one that reaches {@code max-unknown} gets {@code 421 4.7.0} and the connection closes.
 */
@Singleton
final class UnknownVerbPolicy implements CommandHandler {

    /** Unknown verbs this session sent so far; a per-session attribute, since the handler is shared. */
    static final AttributeKey<Integer> UNKNOWN_VERBS = AttributeKey.of("unknown-verbs.count", Integer.class);

    static final Reply TOO_MANY = Reply.of(421, "4.7.0", "Too many unknown commands, closing connection");

    private final UnknownVerbSettings settings;

    @Inject
    UnknownVerbPolicy(UnknownVerbSettings settings) {
        this.settings = settings;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        int count = session.attribute(UNKNOWN_VERBS).orElse(0) + 1;
        session.attribute(UNKNOWN_VERBS, count);
        if (count >= settings.maxUnknown()) {
            return Outcome.replyThenClose(TOO_MANY);
        }
        if (settings.notImplemented().contains(command.verb().name())) {
            return Outcome.reply(Replies.COMMAND_NOT_IMPLEMENTED); // 502 5.5.1
        }
        return Outcome.reply(Replies.COMMAND_UNRECOGNIZED); // 500 5.5.2
    }
}
