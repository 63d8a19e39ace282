package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.SmtpRejection;
import java.util.Set;

/** How MAIL and RCPT answer arguments that do not parse or parameters that no extension owns. */
final class ArgumentErrors {

    private ArgumentErrors() {
    }

    /**
     * The reply for a failed parse: {@code 553 5.6.7} for UTF-8 without SMTPUTF8 (RFC 6531 3.7.4.1), otherwise
     * {@code 501 5.5.4} saying what is wrong and where, e.g.
     * {@code Syntax error in MAIL FROM: missing '>' at position 12}.
     */
    static Reply reply(String command, AddressSyntaxException e) {
        if (e.kind() == AddressSyntaxException.Kind.NON_ASCII_WITHOUT_SMTPUTF8) {
            return ServerReplies.NON_ASCII_ADDRESS;
        }
        // reason() is ASCII; the client's own text is not echoed back
        return Replies.syntaxError("Syntax error in " + command + ": " + e.reason() + " at position "
                + e.position());
    }

    /** Throws {@code 555 5.5.4} naming the first parameter no enabled extension owns (RFC 5321 4.1.1.11). */
    static void requireOwned(EsmtpParameters parameters, Set<String> owned) {
        for (String keyword : parameters.keywords()) {
            if (!owned.contains(keyword)) {
                throw new SmtpRejection(Replies.parameterNotRecognized(keyword));
            }
        }
    }
}
