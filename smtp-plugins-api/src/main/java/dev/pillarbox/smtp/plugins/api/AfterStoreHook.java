package dev.pillarbox.smtp.plugins.api;

/**
 * Runs once a message was committed by every required delivery target and the reply was sent to the client: exact
 * counters, notifications, hand-offs that must not delay the {@code 250}. It cannot change anything the client was
 * told: an exception is logged (with the queue id) and the next hook still runs. It runs on the session's thread
 * before the next command is read, so a hook that talks to a slow system hands the work to its own executor.
 */
public interface AfterStoreHook extends Hook {

    /** The message {@code accepted} was stored and answered. */
    void afterStore(SessionView session, AcceptedMessage accepted);
}
