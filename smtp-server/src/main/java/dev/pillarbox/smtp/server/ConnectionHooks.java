package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.DisconnectHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpRejection;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two stages the connection itself runs: connect (before the greeting) and disconnect (after the close). */
final class ConnectionHooks {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHooks.class);

    private ConnectionHooks() {
    }

    /**
     * The greeting: {@code greeting}, or the connect hooks' own positive reply, or their refusal (negative: the
     * session then ends without a greeting, RFC 5321 3.1). A hook that fails refuses with {@code 421 4.3.0}.
     */
    static Reply greeting(List<ConnectHook> hooks, SessionView session, Reply greeting, ServerEvents events) {
        HookResult result;
        try {
            result = Hooks.firstDecision(hooks, hook -> hook.onConnect(session), events,
                    ServerEvents.HookStage.CONNECT);
        } catch (SmtpRejection e) {
            return e.reply();
        } catch (RuntimeException e) {
            LOG.error("connect hook failed", e);
            return Replies.INTERNAL_ERROR_CLOSING;
        }
        return switch (result.kind()) {
            case REJECT, DEFER, DISCONNECT -> result.reply().orElseThrow();
            case CONTINUE, ACCEPT, DISCARD -> Hooks.replyOr(result, greeting);
        };
    }

    /** Runs the disconnect hooks; a failure is logged and the next hook still runs. */
    static void disconnect(List<DisconnectHook> hooks, SessionView session, ServerEvents events) {
        if (hooks.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        for (DisconnectHook hook : hooks) {
            try {
                hook.onDisconnect(session);
            } catch (RuntimeException e) {
                LOG.warn("disconnect hook {} failed", hook.getClass().getName(), e);
            }
        }
        events.hookStage(ServerEvents.HookStage.DISCONNECT, System.nanoTime() - start);
    }
}
