package dev.pillarbox.milter.plugin;

import dev.pillarbox.smtp.milter.MilterChain;
import dev.pillarbox.smtp.plugins.api.SessionView;

/**
 * One SMTP session's conversation with the filters: the {@link MilterChain} opened at connect, and the
 * transaction's state the macros and the stages need (queue id, sender, the recipient being checked, whether the
 * filters have a transaction open, whether a filter asked to discard it). Used by the session's own thread only.
 */
final class FilterConversation {

    private final MilterChain chain;
    private SessionView session;
    private int messages; // bodies that reached the message stage, as the server counts them for its trace id
    private String queueId;
    private String mailAddress;
    private String rcptAddress;
    private boolean transactionOpen;
    private boolean discard;

    FilterConversation(SessionView session, MilterChainFactory chains) {
        this.session = session;
        this.chain = chains.open(new SessionMacros(this));
    }

    MilterChain chain() {
        return chain;
    }

    SessionView session() {
        return session;
    }

    /** The session as the current hook sees it (the same object in practice; kept current all the same). */
    void at(SessionView current) {
        this.session = current;
    }

    /**
     * Starts a transaction at MAIL: its queue id (macro {@code i}; Postfix assigns one at MAIL) is the id the
     * server will write in the message's trace field ({@code Received: ... id <session>.<n>}, n counting the
     * session's messages), so that the filters' logs and the server's name the same message; an earlier
     * transaction the filters still have open (after RSET, or a message refused before its end) is aborted first
     * (SMFIC_ABORT), so each filter sees the new MAIL in a clean state.
     */
    void startTransaction(String sender) {
        if (transactionOpen) {
            chain.abort();
        }
        queueId = session.id() + "." + (messages + 1);
        mailAddress = sender;
        rcptAddress = null;
        discard = false;
        transactionOpen = true;
    }

    /** The filters refused the MAIL: their transaction is over (Postfix sends SMFIC_ABORT then). */
    void refusedMail() {
        chain.abort();
        transactionOpen = false;
    }

    /** The message reached its end of message stage: libmilter ends the transaction itself there. */
    void endTransaction() {
        messages++;
        transactionOpen = false;
        rcptAddress = null;
    }

    /** A new greeting resets the transaction (RFC 5321 4.1.4): abort it at the filters. */
    void resetTransaction() {
        if (transactionOpen) {
            chain.abort();
            transactionOpen = false;
        }
    }

    void rcpt(String address) {
        this.rcptAddress = address;
    }

    void discard() {
        this.discard = true;
    }

    boolean discards() {
        return discard;
    }

    String queueId() {
        return queueId;
    }

    /** For log lines: the queue id inside a transaction, else the session id. */
    String queueIdOrSession() {
        return queueId != null && transactionOpen ? queueId : "session " + session.id();
    }

    String mailAddress() {
        return mailAddress;
    }

    String rcptAddress() {
        return rcptAddress;
    }

    void close() {
        chain.close();
    }

    /** Opens the chain of configured filters for a session with these macros. */
    @FunctionalInterface
    interface MilterChainFactory {
        MilterChain open(dev.pillarbox.smtp.milter.MacroLookup macros);
    }
}
