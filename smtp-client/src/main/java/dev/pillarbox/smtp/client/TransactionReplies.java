package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.Reply;

/**
 * Reads and checks the replies of a mail transaction on one connection, in the order of its commands: the group's
 * (recorded per command in the {@link Transaction}), the BDAT chunks', and the final ones after the data (one, or
 * one per accepted recipient with LMTP). A reply out of place (a 3xx after the data or to BDAT, a reply the group's
 * command cannot get) breaks the connection with an {@link SmtpProtocolException}; a 421 closes it after the result.
 * {@link Transactions} writes the commands and the data.
 */
final class TransactionReplies {

    private final Connection connection;

    TransactionReplies(Connection connection) {
        this.connection = connection;
    }

    /** Reads the replies to the first {@code n} commands of the group, in order. */
    void readGroup(Transaction tx, int n) throws SmtpClientException {
        for (int i = 0; i < n && !tx.closing(); i++) {
            record(tx, i, connection.reply(step(tx.kind(i)), tx.text(i)));
        }
    }

    /** Records the reply to the group's command {@code i}; a reply that command cannot get breaks the connection. */
    void record(Transaction tx, int i, Reply reply) throws SmtpClientException {
        String violation = tx.record(i, reply);
        if (violation != null) {
            throw connection.broken(new SmtpProtocolException(violation + " from " + connection.peer() + ": "
                    + Connection.printable(reply.toString())));
        }
    }

    /** The step whose timeout applies to a command of this kind (RFC 5321 4.5.3.2). */
    static Step step(Transaction.Kind kind) {
        switch (kind) {
            case MAIL:
                return Step.MAIL;
            case RCPT:
                return Step.RCPT;
            case DATA:
                return Step.DATA_INITIATION;
            case BDAT_LAST:
                return Step.DATA_TERMINATION;
            default:
                return Step.COMMAND;
        }
    }

    /** Reads the replies after the end of the data: one, or one per accepted recipient with LMTP (RFC 2033 4.2). */
    void finals(Transaction tx) throws SmtpClientException {
        int n = tx.finalsExpected();
        for (int i = 0; i < n && !tx.closing(); i++) {
            Reply reply = connection.reply(Step.DATA_TERMINATION, "the end of the message data");
            if (reply.code().value() >= 300 && reply.code().value() < 400) {
                throw connection.broken(new SmtpProtocolException("unexpected reply " + reply.code()
                        + " after the end of the message data from " + connection.peer() + ": "
                        + Connection.printable(reply.toString())));
            }
            tx.finalReply(reply);
        }
    }

    /** Reads the reply to a BDAT chunk that is not the last; a refusal ends the data (RFC 3030 2). */
    void chunkReply(Transaction tx) throws SmtpClientException {
        Reply reply = connection.reply(Step.DATA_BLOCK, "a BDAT chunk");
        if (!reply.isPositive()) {
            tx.fail(reply);
        } else if (reply.code().value() >= 300) {
            throw connection.broken(new SmtpProtocolException("unexpected reply " + reply.code() + " to BDAT from "
                    + connection.peer() + ": " + Connection.printable(reply.toString())));
        }
    }

    /** The result; a 421 in it makes the connection unusable, since the server is closing it (RFC 5321 3.8). */
    SendResult finish(Transaction tx) {
        SendResult result = tx.result();
        if (tx.closing()) {
            connection.closeBecause("the server is closing the connection: "
                    + tx.closingReply().map(Reply::toString).orElse("421"));
        }
        return result;
    }
}
