package dev.pillarbox.smtp.plugins.spi;

import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.HeloName;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import java.util.Optional;

/**
 * What the greeting verbs (HELO, EHLO and an extension's LHLO) accept as the client's name. The server binds the
 * configured policy; a handler of a greeting verb injects it and asks {@link #refusal} before its hooks run.
 */
public enum HeloNamePolicy {

    /**
     * A domain or an address literal ({@link HeloName}, RFC 5321 4.1.1.1); anything else, such as
     * {@code x(evil) by fake} or a 600-character label, gets {@code 501 5.5.4}. The default.
     */
    STRICT,

    /**
     * Any non-empty argument, for legacy senders that greet with a bare word or worse. A name that is neither a
     * domain nor an address literal never appears as syntax in the {@code Received:} header, only quoted in a
     * comment.
     */
    ANY;

    /**
     * The reply refusing {@code argument} (trimmed, without the verb), or empty when the greeting may go on:
     * {@code 501 5.5.4} for an empty argument under either policy, and for one that is not a {@link HeloName} under
     * {@link #STRICT}.
     *
     * @param utf8Allowed whether U-labels are allowed: the client was offered SMTPUTF8 (RFC 6531 3.3)
     */
    public Optional<Reply> refusal(String argument, boolean utf8Allowed) {
        if (argument.isEmpty()) {
            return Optional.of(Replies.HELO_NEEDS_DOMAIN);
        }
        if (this == ANY) {
            return Optional.empty();
        }
        try {
            HeloName.parse(argument, utf8Allowed);
            return Optional.empty();
        } catch (AddressSyntaxException e) {
            return Optional.of(Replies.invalidHeloName(e));
        }
    }
}
