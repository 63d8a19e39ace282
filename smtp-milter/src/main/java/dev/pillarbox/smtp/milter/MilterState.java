package dev.pillarbox.smtp.milter;

import java.util.Optional;

/**
 * What one filter has decided so far in one SMTP session, and so which events it is still asked about: the
 * session's phase (a decision at connect or HELO holds for the whole connection, as in Postfix's {@code milter8.c}),
 * the message's (accepted, or ended by a decision), the event kind the filter asked to skip, and the quarantine
 * reasons. {@link MilterSession} asks it before each event; {@link DecisionReader} records the filter's replies here.
 */
final class MilterState {

    private enum Phase { NEW, OPEN, ACCEPTED, REJECTED, FAILED, CLOSED }

    private Phase phase = Phase.NEW;
    /** The answer to every event once the connection was refused or the filter failed. */
    private Decision sticky;
    private Smfic skipped;
    private String connectionQuarantine;

    private boolean transaction;
    private boolean messageAccepted;
    private Decision messageOutcome;
    private String messageQuarantine;

    /** True before {@link #opened()}: the session has not connected yet. */
    boolean isNew() {
        return phase == Phase.NEW;
    }

    /** True while the filter is connected and still asked about events. */
    boolean isOpen() {
        return phase == Phase.OPEN;
    }

    /** The socket is open. */
    void opened() {
        phase = Phase.OPEN;
    }

    /** The session is closed (SMFIC_QUIT). */
    void closed() {
        phase = Phase.CLOSED;
    }

    /** The filter accepted the whole connection: it is not asked again. */
    void acceptedConnection() {
        phase = Phase.ACCEPTED;
    }

    /** The filter refused the whole connection: {@code d} answers every later event. */
    void refusedConnection(Decision d) {
        phase = Phase.REJECTED;
        sticky = d;
    }

    /** The filter failed: {@code failed} (its default action) answers every later event. */
    void failed(Decision.Failed failed) {
        phase = Phase.FAILED;
        sticky = failed;
    }

    /** The answer for an envelope event when the filter is not to be asked; null when it is. */
    Decision skipEnvelope(boolean messageEvent) {
        switch (phase) {
            case NEW:
                throw new IllegalStateException("connect() comes before any other event of a milter session");
            case CLOSED:
                throw new IllegalStateException("the milter session is closed");
            case FAILED:
            case REJECTED:
                return sticky;
            case ACCEPTED:
                return Decision.CONTINUE;
            default:
                return messageEvent && messageAccepted ? Decision.CONTINUE : null;
        }
    }

    /** The answer for a content event when the filter is not to be asked; null when it is. */
    Decision skipContent() {
        Decision skip = skipEnvelope(false);
        if (skip != null) {
            return skip;
        }
        if (messageOutcome != null) {
            return messageOutcome;
        }
        return messageAccepted ? Decision.ACCEPT : null;
    }

    /** True when the filter is asked nothing more about this message. */
    boolean messageDone() {
        return phase != Phase.OPEN || messageAccepted || messageOutcome != null;
    }

    /** Remembers a content event's decision that ends the message for this filter. */
    Decision content(Decision d) {
        if (!(d instanceof Decision.Continue) && !(d instanceof Decision.Accept)) {
            messageOutcome = d;
        }
        return d;
    }

    /** The filter accepted (or discarded) the message: it is not asked about the rest of it. */
    void acceptedMessage() {
        messageAccepted = true;
    }

    boolean inTransaction() {
        return transaction;
    }

    void startTransaction() {
        transaction = true;
    }

    /** Forgets the message: after its end, an abort or a new MAIL. */
    void endTransaction() {
        transaction = false;
        messageAccepted = false;
        messageOutcome = null;
        messageQuarantine = null;
        skipped = null;
    }

    /** The filter asked to skip the rest of the events like {@code event} (SMFIR_SKIP). */
    void skip(Smfic event) {
        skipped = event;
    }

    /**
     * True if {@code event} is to be left out after SMFIR_SKIP; an event of another kind ends the skip
     * (Postfix's milter8.c).
     */
    boolean skips(Smfic event) {
        if (skipped != null) {
            if (skipped == event) {
                return true;
            }
            skipped = null;
        }
        return false;
    }

    /** True after the filter asked to skip the rest of the body. */
    boolean skipsBody() {
        return skipped == Smfic.BODY;
    }

    /** Ends a skip: end of message is sent whatever was skipped. */
    void endSkip() {
        skipped = null;
    }

    /** Records SMFIR_QUARANTINE's reason, for the connection (at connect or HELO) or for the message. */
    void quarantine(String reason, boolean wholeConnection) {
        if (wholeConnection) {
            connectionQuarantine = reason;
        } else {
            messageQuarantine = reason;
        }
    }

    /** The reason to hold the message: the message's quarantine, else the connection's. */
    Optional<String> quarantine() {
        return Optional.ofNullable(messageQuarantine != null ? messageQuarantine : connectionQuarantine);
    }
}
