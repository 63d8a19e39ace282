package dev.pillarbox.smtp.plugins.api;

/** Runs on DATA (and on the first BDAT chunk) after all recipients, before 354 is sent. */
public interface DataHook extends Hook {

    /** Decides whether the client may send the message. */
    HookResult onData(SessionView session);
}
