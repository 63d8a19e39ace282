package dev.pillarbox.smtp.plugins.api;

/** Runs when a client connects, before the 220 greeting; a refusal replaces the greeting (RFC 5321 3.1). */
public interface ConnectHook extends Hook {

    /** Decides whether the client may talk to the server. */
    HookResult onConnect(SessionView session);
}
