package dev.pillarbox.smtp.plugins.api;

import java.io.IOException;

/**
 * Runs after a complete message was received and written to the message store, before it is committed and
 * the final reply is sent: content checks and delivery to other systems happen here. Refusing here
 * discards the message. An {@link IOException} answers {@code 451 4.3.0}.
 */
public interface MessageHook extends Hook {

    /** Decides on the message; may read its content with {@link Message#openContent()}. */
    HookResult onMessage(SessionView session, Message message) throws IOException;
}
