package dev.pillarbox.server.config;

/** How the reference server writes its log lines (configuration key {@code log-format}). */
public enum LogFormat {
    /** One human-readable line per event: time, level, thread, session, logger, message. The default. */
    TEXT,
    /**
     * One JSON object per line, for log collectors: the MDC (the session id) and the transaction log's fields
     * (client, helo, from, rcpt, size, id, result, duration) as keys of their own.
     */
    JSON
}
