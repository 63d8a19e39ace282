package dev.pillarbox.smtp.milter;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry point: opens {@link MilterSession}s (one filter) and {@link MilterChain}s (several, in order) for SMTP
 * sessions. Owns one daemon thread that enforces the timeouts of all its sessions by closing the socket of a
 * filter that is late; {@link #close()} stops it. Thread-safe: sessions of many SMTP sessions may be opened
 * concurrently; each session itself belongs to one thread.
 */
public final class MilterClient implements AutoCloseable {

    private final DeadlineTimer timer = new DeadlineTimer();

    /**
     * A session with one filter for one SMTP session. Nothing is sent before {@link MilterSession#connect}.
     *
     * @param macros where macro values come from; asked just before each event
     */
    public MilterSession open(FilterConfig filter, MacroLookup macros) {
        return new MilterSession(filter, macros, timer);
    }

    /** Sessions with {@code filters}, in this order, for one SMTP session (Postfix's {@code smtpd_milters}). */
    public MilterChain openChain(List<FilterConfig> filters, MacroLookup macros) {
        List<MilterSession> sessions = new ArrayList<>(filters.size());
        for (FilterConfig f : filters) {
            sessions.add(open(f, macros));
        }
        return new MilterChain(sessions);
    }

    /** Stops the timeout thread. Sessions still open can no longer time out; close them first. */
    @Override
    public void close() {
        timer.close();
    }
}
