package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One mail transaction in flight: its command group ([RSET], MAIL, RCPT..., then DATA, or for a prepared BDAT message
 * {@code BDAT n LAST}) and the replies as they arrive, matched to the commands in order (RFC 2920 3.1). Builds the
 * {@link SendResult}. Not thread-safe.
 */
final class Transaction {

    /** What a command of the group is. */
    enum Kind { RSET, MAIL, RCPT, DATA, BDAT_LAST }

    final Envelope envelope;
    final PreparedMessage prepared;
    final boolean withRset;
    final boolean bdat;
    final boolean lmtp;
    final long startNanos = System.nanoTime();
    private final List<Command> commands;
    private final Reply[] rcptReplies;
    private final List<Reply> finals = new ArrayList<>(1);
    private Reply rsetReply;
    private Reply mailReply;
    private Reply dataReply;
    private Reply failure;
    private int accepted;
    private boolean dataOpen;
    private boolean closing;

    /** A transaction sending {@code commands} (the generic path); {@code commands} excludes RSET. */
    Transaction(Envelope envelope, List<Command> commands, boolean withRset, boolean bdat, boolean lmtp) {
        this(envelope, null, commands, withRset, bdat, lmtp);
    }

    /** A transaction sending a prepared message. */
    Transaction(PreparedMessage prepared, boolean withRset, boolean lmtp) {
        this(prepared.envelope(), prepared, null, withRset, prepared.bdat(), lmtp);
    }

    private Transaction(Envelope envelope, PreparedMessage prepared, List<Command> commands, boolean withRset,
            boolean bdat, boolean lmtp) {
        this.envelope = envelope;
        this.prepared = prepared;
        this.commands = commands;
        this.withRset = withRset;
        this.bdat = bdat;
        this.lmtp = lmtp;
        this.rcptReplies = new Reply[envelope.recipients().size()];
    }

    /** The number of commands in the group. */
    int size() {
        int n = (withRset ? 1 : 0) + 1 + rcptReplies.length;
        return bdat && prepared == null ? n : n + 1;
    }

    /** What command {@code i} of the group is. */
    Kind kind(int i) {
        int j = withRset ? i - 1 : i;
        if (j < 0) {
            return Kind.RSET;
        }
        if (j == 0) {
            return Kind.MAIL;
        }
        if (j <= rcptReplies.length) {
            return Kind.RCPT;
        }
        return bdat ? Kind.BDAT_LAST : Kind.DATA;
    }

    /** The index of command {@code i} among MAIL, RCPT... (that is, without the RSET). */
    int withoutRset(int i) {
        return withRset ? i - 1 : i;
    }

    /** Command {@code i} of the generic path. */
    Command command(int i) {
        return kind(i) == Kind.RSET ? Commands.RSET : commands.get(withoutRset(i));
    }

    /** Command {@code i} as text, for messages and the transcript. */
    String text(int i) {
        if (kind(i) == Kind.RSET) {
            return "RSET";
        }
        return prepared != null ? prepared.commandLines().get(withoutRset(i)) : commands.get(withoutRset(i)).toString();
    }

    /** Whether the stepwise (unpipelined) exchange sends command {@code i}: not after a refused MAIL, etc. */
    boolean shouldSend(int i) {
        switch (kind(i)) {
            case RSET:
                return true;
            case MAIL:
            case RCPT:
                return failure == null && !closing;
            default:
                return failure == null && !closing && accepted > 0;
        }
    }

    /**
     * Records the reply to command {@code i}.
     *
     * @return null, or why the reply breaks the protocol at this point
     */
    String record(int i, Reply reply) {
        int code = reply.code().value();
        if (code == 421) {
            closing = true; // RFC 5321 3.8: the server is closing the channel
        }
        Kind kind = kind(i);
        if (kind == Kind.DATA) {
            if (code == 354) {
                dataOpen = true;
            } else if (reply.isPositive()) {
                return "unexpected reply " + code + " to DATA (354 or a refusal was expected)";
            }
            dataReply = reply;
            if (!dataOpen) {
                fail(reply);
            }
            return null;
        }
        if (code >= 300 && code < 400) {
            return "unexpected reply " + code + " to " + text(i);
        }
        switch (kind) {
            case RSET:
                rsetReply = reply;
                break;
            case MAIL:
                mailReply = reply;
                break;
            case RCPT:
                rcptReplies[withoutRset(i) - 1] = reply;
                if (reply.isPositive() && failure == null) {
                    accepted++;
                }
                return null;
            default:
                break;
        }
        if (!reply.isPositive()) {
            fail(reply);
        }
        return null;
    }

    /** A transaction-wide refusal (RSET, MAIL, DATA, a BDAT chunk): the first one counts. */
    void fail(Reply reply) {
        if (failure == null) {
            failure = reply;
        }
        if (reply.code().value() == 421) {
            closing = true;
        }
    }

    /** Records a reply after the end of the data: one for SMTP, one per accepted recipient for LMTP. */
    void finalReply(Reply reply) {
        finals.add(reply);
        if (reply.code().value() == 421) {
            closing = true;
        }
    }

    /** How many replies follow the end of the data. */
    int finalsExpected() {
        return lmtp ? accepted : 1;
    }

    /** True if the message data should be sent: MAIL accepted, a recipient accepted, and 354 (or BDAT). */
    boolean sendsData() {
        return failure == null && accepted > 0 && (bdat || dataOpen) && !closing;
    }

    /** True if DATA was answered 354 although there is nothing to send (RFC 2920 3.1: send just the dot). */
    boolean dataOpenWithoutRecipients() {
        return dataOpen && !sendsData();
    }

    /** True once a 421 arrived: the server is closing the connection. */
    boolean closing() {
        return closing;
    }

    /** The number of recipients accepted at RCPT. */
    int accepted() {
        return accepted;
    }

    /** The 421 reply that is closing the connection, if one arrived. */
    Optional<Reply> closingReply() {
        List<Reply> all = new ArrayList<>(finals);
        all.add(failure);
        all.add(rsetReply);
        all.add(mailReply);
        all.addAll(java.util.Arrays.asList(rcptReplies));
        all.add(dataReply);
        return all.stream().filter(r -> r != null && r.code().value() == 421).findFirst();
    }

    /** The result: per recipient, the reply that decided its fate. Called once, when the transaction is over. */
    SendResult result() {
        List<Recipient> recipients = envelope.recipients();
        List<RecipientResult> results = new ArrayList<>(recipients.size());
        int acceptedIndex = 0;
        for (int k = 0; k < recipients.size(); k++) {
            Reply rcpt = rcptReplies[k];
            Reply decisive;
            boolean rcptAccepted = rcpt != null && rcpt.isPositive();
            if (rsetReply != null && !rsetReply.isPositive()) {
                decisive = rsetReply;
            } else if (mailReply != null && !mailReply.isPositive()) {
                decisive = mailReply;
            } else if (!rcptAccepted) {
                decisive = rcpt != null ? rcpt : failure != null ? failure : mailReply;
            } else if (failure != null) {
                decisive = failure;
            } else if (lmtp) {
                decisive = acceptedIndex < finals.size() ? finals.get(acceptedIndex) : null;
                acceptedIndex++;
            } else {
                decisive = finals.isEmpty() ? null : finals.get(0);
            }
            if (decisive == null) {
                // the exchange ended before this recipient's reply (a 421 closed the session): treat as RFC 5321 3.8's 451
                decisive = closingReply().orElseThrow(() -> new IllegalStateException("no reply decided " + rcpt));
            }
            results.add(new RecipientResult(recipients.get(k), RecipientResult.statusOf(decisive), decisive,
                    Optional.ofNullable(rcpt)));
        }
        Reply mail = mailReply != null ? mailReply : rsetReply != null ? rsetReply : failure;
        return new SendResult(mail, results, bdat ? null : dataReply, finals,
                System.nanoTime() - startNanos);
    }
}
