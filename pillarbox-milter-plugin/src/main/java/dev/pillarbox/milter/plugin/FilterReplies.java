package dev.pillarbox.milter.plugin;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.milter.Decision;
import dev.pillarbox.smtp.plugins.api.HookResult;

/**
 * A filter's decision as a hook's answer, as Postfix's smtpd answers it:
 *
 * <ul>
 *   <li>continue, accept, and a failed filter whose default action is accept: the next hook decides (the server's
 *       own reply, normally 250);</li>
 *   <li>reject (550 5.7.1, or the filter's own 5xx from SMFIR_REPLYCODE) and a failed filter whose default action
 *       is reject: the command is refused;</li>
 *   <li>tempfail (451 4.7.1, or the filter's 4xx) and a failed filter whose default action is tempfail (the
 *       default): the command is deferred;</li>
 *   <li>a 421 reply and shutdown ({@code 421 4.7.0}): the reply, then the connection is closed.</li>
 * </ul>
 *
 * Discard is not a reply: the caller remembers it and the message is accepted and thrown away at its end.
 */
final class FilterReplies {

    private FilterReplies() {
    }

    static HookResult envelope(Decision decision) {
        if (decision.proceeds() || decision instanceof Decision.Discard) {
            return HookResult.next();
        }
        Reply reply = decision.smtpReply().orElseThrow(() -> new IllegalStateException(
                "a milter decision that stops the command has a reply: " + decision));
        if (decision.closesConnection()) {
            return HookResult.disconnect(reply);
        }
        return reply.code().isTransient() ? HookResult.defer(reply) : HookResult.reject(reply);
    }
}
