package dev.pillarbox.smtp.plugins.api;

/**
 * Runs on a command the server has no handler for, before it answers {@code 500 5.5.2} (RFC 5321 4.2.4): Postfix
 * passes such commands to its milters ({@code SMFIC_UNKNOWN}), and a filter may answer them with a reply of its own.
 * A {@link HookResult#reject reject} or {@link HookResult#defer defer} replaces the 500 with the hook's reply, a
 * disconnect answers and closes; anything else leaves the 500. The command is still an error the session's error
 * limit counts.
 */
public interface UnknownCommandHook extends Hook {

    /**
     * Looks at the unknown command.
     *
     * @param session the session
     * @param commandLine the command as the client sent it, without CRLF
     */
    HookResult onUnknownCommand(SessionView session, String commandLine);
}
