package dev.pillarbox.smtp.plugins.api;

/** Runs on HELO, EHLO and LHLO before the server answers. */
public interface HeloHook extends Hook {

    /**
     * Decides on the greeting.
     *
     * @param session the session, not yet updated with this greeting
     * @param heloName the domain or address literal the client gave
     * @param extended true for EHLO and LHLO
     */
    HookResult onHelo(SessionView session, String heloName, boolean extended);
}
