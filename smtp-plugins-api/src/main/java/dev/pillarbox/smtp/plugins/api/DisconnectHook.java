package dev.pillarbox.smtp.plugins.api;

/** Runs once when a session ends, however it ended; for cleanup and accounting. */
public interface DisconnectHook extends Hook {

    /** Called after the connection closed. Exceptions are logged and ignored. */
    void onDisconnect(SessionView session);
}
