package dev.pillarbox.smtp.milter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pillarbox.smtp.core.Reply;

/**
 * Reads one filter's replies after an event until its decision, and records what they decide in the session's
 * {@link MilterState}: progress (the timeout starts again), quarantine, skip, accept, discard, reject, tempfail, a
 * custom reply and shutdown, and at end of message the change requests (as {@link ChangeRequests} decodes them).
 * A reply out of place is a {@link MilterProtocolException}.
 */
final class DecisionReader {

    // the session's log: a filter's decisions are logged under MilterSession, whichever part reads them
    private static final Logger log = LoggerFactory.getLogger(MilterSession.class);

    private final String name;
    private final MilterConnection connection;
    private final Negotiation negotiation;
    private final MilterState state;
    private final long maxReplacedBody;

    DecisionReader(String name, MilterConnection connection, Negotiation negotiation, MilterState state,
            long maxReplacedBody) {
        this.name = name;
        this.connection = connection;
        this.negotiation = negotiation;
        this.state = state;
        this.maxReplacedBody = maxReplacedBody;
    }

    /** Flushes, then reads replies until a decision; SMFIR_PROGRESS starts the timeout again. */
    Decision awaitDecision(Smfic event, DeadlineTimer.Deadline deadline) throws IOException, MilterProtocolException {
        connection.flush();
        boolean connectionEvent = event == Smfic.CONNECT || event == Smfic.HELO;
        while (true) {
            MilterPacket p = connection.read();
            Smfir r = Smfir.of(p.command());
            if (r == null) {
                throw new MilterProtocolException("unexpected " + Smfir.describe(p.command()) + " after " + event);
            }
            switch (r) {
                case PROGRESS:
                    ChangeRequests.noData(p, r);
                    deadline.extend();
                    continue;
                case QUARANTINE:
                    state.quarantine(ChangeRequests.quarantineReason(p, negotiation), connectionEvent);
                    continue;
                default:
                    Decision verdict = verdict(event, r, p);
                    if (verdict == null) {
                        throw new MilterProtocolException("unexpected filter response " + r + " after " + event);
                    }
                    return verdict;
            }
        }
    }

    /** Reads change requests until the decision (SMFIC_BODYEOB's replies). */
    EndOfMessage awaitEndOfMessage(DeadlineTimer.Deadline deadline) throws IOException, MilterProtocolException {
        connection.flush();
        ChangeRequests requests = new ChangeRequests(negotiation, maxReplacedBody);
        List<Modification> changes = new ArrayList<>();
        while (true) {
            MilterPacket p = connection.read();
            Smfir r = Smfir.of(p.command());
            if (r == null) {
                throw new MilterProtocolException("unexpected " + Smfir.describe(p.command()) + " after SMFIC_BODYEOB");
            }
            if (r != Smfir.REPLBODY) {
                requests.endBody().ifPresent(changes::add);
            }
            switch (r) {
                case PROGRESS:
                    ChangeRequests.noData(p, r);
                    deadline.extend();
                    continue;
                case QUARANTINE:
                    state.quarantine(ChangeRequests.quarantineReason(p, negotiation), false);
                    continue;
                case REPLBODY:
                    requests.bodyChunk(p);
                    continue;
                case ADDHEADER:
                case INSHEADER:
                case CHGHEADER:
                case ADDRCPT:
                case ADDRCPT_PAR:
                case DELRCPT:
                case CHGFROM:
                    changes.add(requests.decode(r, p));
                    continue;
                default:
                    Decision verdict = verdict(Smfic.BODYEOB, r, p);
                    if (verdict == null) {
                        throw new MilterProtocolException("unexpected filter response " + r + " after SMFIC_BODYEOB");
                    }
                    if (!(verdict instanceof Decision.Continue)) {
                        log.info("milter {}: SMFIC_BODYEOB: {}", name, verdict);
                    }
                    log.debug("milter {}: changes {}", name, changes);
                    return new EndOfMessage(name, verdict, changes, state.quarantine());
            }
        }
    }

    /**
     * The decision a final reply stands for, with its effect on the session's state; null for a reply that is not
     * a decision (a change request).
     */
    private Decision verdict(Smfic event, Smfir r, MilterPacket p) throws MilterProtocolException {
        boolean connectionEvent = event == Smfic.CONNECT || event == Smfic.HELO;
        switch (r) {
            case CONTINUE:
                ChangeRequests.noData(p, r);
                return Decision.CONTINUE;
            case SKIP:
                ChangeRequests.noData(p, r);
                state.skip(event);
                return Decision.CONTINUE;
            case ACCEPT:
                ChangeRequests.noData(p, r);
                if (connectionEvent) {
                    // libmilter closes its end after a connection-level decision (Postfix LIBMILTER_AUTO_DISCONNECT)
                    state.acceptedConnection();
                    connection.close();
                } else {
                    state.acceptedMessage();
                }
                return Decision.ACCEPT;
            case DISCARD:
                ChangeRequests.noData(p, r);
                if (connectionEvent) {
                    log.warn("milter {}: SMFIR_DISCARD is not allowed for {}; ignored", name, event);
                    return Decision.CONTINUE;
                }
                state.acceptedMessage();
                return Decision.DISCARD;
            case REJECT:
                ChangeRequests.noData(p, r);
                return refuse(connectionEvent, new Decision.Reject(MilterReplies.REJECT));
            case TEMPFAIL:
                ChangeRequests.noData(p, r);
                return refuse(connectionEvent, new Decision.Tempfail(MilterReplies.TEMPFAIL));
            case REPLYCODE:
                Reply reply = FilterReplyText.parse(p.data());
                return refuse(connectionEvent, Decision.ofReply(reply));
            case SHUTDOWN:
            case CONN_FAIL:
                ChangeRequests.noData(p, r);
                return refuse(true, new Decision.Shutdown(MilterReplies.SHUTDOWN));
            default:
                return null;
        }
    }

    /** A refusal at connect or HELO holds for every later event of the connection (Postfix's def_reply). */
    private Decision refuse(boolean wholeConnection, Decision d) {
        if (wholeConnection) {
            state.refusedConnection(d);
            connection.close();
        }
        return d;
    }
}
