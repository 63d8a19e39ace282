package dev.pillarbox.smtp.extensions.size;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.extensions.Extensions;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.spi.MaxMessageSize;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Checks {@code SIZE=<octets>} on MAIL FROM: {@code size-value ::= 1*20DIGIT} (RFC 1870 6) else {@code 501 5.5.4};
 * over the limit {@code 552 5.3.4} (RFC 1870 6.1: "the server ... may respond with a 552").
 */
@Singleton
final class SizeHook implements MailHook {

    static final String SIZE = "SIZE";
    private static final int MAX_DIGITS = 20;

    private final long limit;

    @Inject
    SizeHook(@MaxMessageSize long limit) {
        this.limit = limit;
    }

    @Override
    public HookPosition position() {
        return HookPosition.FIRST;
    }

    @Override
    public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
        Optional<String> value = Extensions.value(parameters, SIZE);
        if (value.isEmpty()) {
            return HookResult.next();
        }
        String digits = value.get();
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return HookResult.reject(ExtensionReplies.SIZE_INVALID);
        }
        if (exceeds(digits)) {
            return HookResult.reject(Replies.MESSAGE_TOO_BIG);
        }
        return HookResult.next();
    }

    // up to 20 digits may not fit a long: anything that long is over any limit we can have
    private boolean exceeds(String digits) {
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        if (trimmed.length() > 18) {
            return true;
        }
        return Long.parseLong(trimmed) > limit;
    }
}
