package dev.pillarbox.smtp.plugins.api;

import dev.pillarbox.smtp.core.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage hook's answer. Hooks of one stage run in order until one answers anything but
 * {@link Kind#CONTINUE}; that answer decides the stage. A hook's reply reaches the client verbatim.
 */
public final class HookResult {

    /** What a hook decided. */
    public enum Kind {
        /** No opinion: run the next hook; the built-in default applies if all continue. */
        CONTINUE,
        /** Accept now: skip the remaining hooks of this stage; the built-in positive reply (or the hook's) is sent. */
        ACCEPT,
        /** Refuse permanently with a 5yz reply. */
        REJECT,
        /** Refuse for now with a 4yz reply. */
        DEFER,
        /** Send a reply (421 by convention) and close the connection. */
        DISCONNECT,
        /**
         * For message hooks: answer the message with a 2yz reply and store nothing (Postfix's {@code DISCARD}): every
         * delivery target's writer, required and optional, is aborted. At the other stages the server takes it as a
         * plain {@link #ACCEPT} with its own reply.
         */
        DISCARD
    }

    private static final HookResult CONTINUE = new HookResult(Kind.CONTINUE, null, Map.of());
    private static final HookResult ACCEPT = new HookResult(Kind.ACCEPT, null, Map.of());

    private final Kind kind;
    private final Reply reply;
    private final Map<Recipient, Reply> recipientReplies;

    private HookResult(Kind kind, Reply reply, Map<Recipient, Reply> recipientReplies) {
        this.kind = kind;
        this.reply = reply;
        this.recipientReplies = recipientReplies;
    }

    /** No opinion: the next hook decides. */
    public static HookResult next() {
        return CONTINUE;
    }

    /** Accept with the built-in positive reply. */
    public static HookResult accept() {
        return ACCEPT;
    }

    /** Accept with this positive reply (e.g. a 250 naming the queue id of an external delivery). */
    public static HookResult accept(Reply reply) {
        if (!Objects.requireNonNull(reply, "reply").isPositive()) {
            throw new IllegalArgumentException("accept needs a 2yz or 3yz reply, got " + reply.code());
        }
        return new HookResult(Kind.ACCEPT, reply, Map.of());
    }

    /** Refuse permanently; {@code reply} must be 5yz. */
    public static HookResult reject(Reply reply) {
        if (!Objects.requireNonNull(reply, "reply").code().isPermanent()) {
            throw new IllegalArgumentException("reject needs a 5yz reply, got " + reply.code());
        }
        return new HookResult(Kind.REJECT, reply, Map.of());
    }

    /** Refuse for now; {@code reply} must be 4yz. */
    public static HookResult defer(Reply reply) {
        if (!Objects.requireNonNull(reply, "reply").code().isTransient()) {
            throw new IllegalArgumentException("defer needs a 4yz reply, got " + reply.code());
        }
        return new HookResult(Kind.DEFER, reply, Map.of());
    }

    /** Send {@code reply} (negative, usually 421) and close the connection. */
    public static HookResult disconnect(Reply reply) {
        if (!Objects.requireNonNull(reply, "reply").code().isNegative()) {
            throw new IllegalArgumentException("disconnect needs a 4yz or 5yz reply, got " + reply.code());
        }
        return new HookResult(Kind.DISCONNECT, reply, Map.of());
    }

    /**
     * For message hooks: accept the message with {@code reply} (2yz, normally the usual {@code 250}) and throw it
     * away: no delivery target keeps it, the later message hooks do not run and the transaction ends as
     * {@link TransactionEnd#DISCARDED}. Mail filters use it for mail nobody should get and no sender should be told
     * about (Postfix's and Sendmail's discard).
     */
    public static HookResult discard(Reply reply) {
        if (Objects.requireNonNull(reply, "reply").code().value() / 100 != 2) {
            throw new IllegalArgumentException("discard needs a 2yz reply, got " + reply.code());
        }
        return new HookResult(Kind.DISCARD, reply, Map.of());
    }

    /**
     * For message hooks: refuse or defer some recipients individually and let the others go on. Under LMTP
     * each listed recipient gets its reply after the body (RFC 2033 4.2); under SMTP the message is refused as
     * a whole only if every recipient was refused.
     */
    public static HookResult perRecipient(Map<Recipient, Reply> replies) {
        Map<Recipient, Reply> copy = new LinkedHashMap<>();
        replies.forEach((recipient, reply) -> {
            if (!reply.code().isNegative()) {
                throw new IllegalArgumentException("per-recipient result for " + recipient
                        + " needs a 4yz or 5yz reply, got " + reply.code());
            }
            copy.put(Objects.requireNonNull(recipient, "recipient"), reply);
        });
        return new HookResult(Kind.CONTINUE, null, Map.copyOf(copy));
    }

    /** What the hook decided. */
    public Kind kind() {
        return kind;
    }

    /** The hook's reply; empty for CONTINUE and a plain ACCEPT. */
    public Optional<Reply> reply() {
        return Optional.ofNullable(reply);
    }

    /** Per-recipient refusals from a message hook; empty for other results. */
    public Map<Recipient, Reply> recipientReplies() {
        return recipientReplies;
    }

    @Override
    public String toString() {
        return reply == null ? kind.toString() : kind + " " + reply;
    }
}
