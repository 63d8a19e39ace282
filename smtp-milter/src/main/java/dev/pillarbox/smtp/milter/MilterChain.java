package dev.pillarbox.smtp.milter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Several filters in their configured order for one SMTP session, as Postfix runs {@code smtpd_milters}:
 *
 * <ul>
 *   <li>each event goes to the filters in order until one answers with something other than continue or accept
 *       (a failed filter whose default action is accept counts as continue); that answer is the chain's;</li>
 *   <li>the message goes to each filter in turn, whole: a later filter sees the message as the earlier filters'
 *       header and body changes left it (Postfix {@code milter_message}: "each milter sees the result of any
 *       changes made by a preceding milter"); a reject, tempfail, discard or failure stops the chain.</li>
 * </ul>
 *
 * One difference from Postfix: a quarantine does not stop later filters from seeing the message (in Postfix the
 * hold reply ends the loop); the message is held all the same.
 */
public final class MilterChain implements AutoCloseable {

    private final List<MilterSession> sessions;

    MilterChain(List<MilterSession> sessions) {
        this.sessions = List.copyOf(sessions);
    }

    /** The sessions, one per filter, in order. */
    public List<MilterSession> sessions() {
        return sessions;
    }

    public Decision connect(ConnectInfo client) {
        return each(s -> s.connect(client));
    }

    public Decision helo(String heloName) {
        return each(s -> s.helo(heloName));
    }

    public Decision mail(String reversePath, List<String> parameters) {
        return each(s -> s.mail(reversePath, parameters));
    }

    public Decision rcpt(String forwardPath, List<String> parameters) {
        return each(s -> s.rcpt(forwardPath, parameters));
    }

    public Decision data() {
        return each(MilterSession::data);
    }

    public Decision unknown(String commandLine) {
        return each(s -> s.unknown(commandLine));
    }

    /**
     * Runs the message through every filter in order and applies each one's header and body changes before the
     * next one sees it.
     *
     * @throws IOException if the body cannot be read
     */
    public FilteredMessage message(MessageContent content) throws IOException {
        MessageContent current = content;
        List<Modification> changes = new ArrayList<>();
        List<EndOfMessage> answers = new ArrayList<>();
        Optional<String> quarantine = Optional.empty();
        Decision decision = Decision.CONTINUE;
        for (MilterSession s : sessions) {
            EndOfMessage answer = s.message(current);
            answers.add(answer);
            for (Modification m : answer.modifications()) {
                current = current.apply(m);
                changes.add(m);
            }
            if (quarantine.isEmpty()) {
                quarantine = answer.quarantine();
            }
            if (!answer.decision().proceeds()) {
                decision = answer.decision();
                break;
            }
        }
        return new FilteredMessage(decision, current, changes, quarantine, answers);
    }

    /** Ends the transaction at every filter (RSET; after a rejected MAIL). */
    public void abort() {
        sessions.forEach(MilterSession::abort);
    }

    /** Ends the session at every filter. */
    @Override
    public void close() {
        sessions.forEach(MilterSession::close);
    }

    private Decision each(Function<MilterSession, Decision> event) {
        for (MilterSession s : sessions) {
            Decision d = event.apply(s);
            if (!d.proceeds()) {
                return d;
            }
        }
        return Decision.CONTINUE;
    }
}
