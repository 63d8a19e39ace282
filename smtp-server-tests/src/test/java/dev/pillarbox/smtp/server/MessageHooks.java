package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.io.IOException;

/** Message hooks written as lambdas, for the tests of this package. */
final class MessageHooks {

    private MessageHooks() {
    }

    /** What a test's message hook does. */
    @FunctionalInterface
    interface Decide {
        HookResult on(SessionView session, Message message) throws IOException;
    }

    /** A message hook at {@code position} that answers what {@code decide} answers. */
    static MessageHook at(HookPosition position, Decide decide) {
        return new MessageHook() {
            @Override
            public HookPosition position() {
                return position;
            }

            @Override
            public HookResult onMessage(SessionView session, Message message) throws IOException {
                return decide.on(session, message);
            }
        };
    }
}
