package dev.pillarbox.smtp.plugins.examples.directory;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Refuses recipients the directory does not know with {@code 550 5.1.1} (RFC 3463: bad destination mailbox
 * address). The domain-less {@code <Postmaster>} is always accepted (RFC 5321 4.5.1). A known recipient is
 * {@link HookResult#next()}: later hooks (greylisting) still decide.
 */
@Singleton
final class DirectoryRcptHook implements RcptHook {

    static final Reply UNKNOWN_USER = Reply.of(550, "5.1.1", "No such user here");

    private final RecipientDirectory directory;

    @Inject
    DirectoryRcptHook(RecipientDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HookPosition position() {
        return HookPosition.EARLY; // before greylisting (NORMAL): an unknown user gets 550 at once, not a 451 first
    }

    @Override
    public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
        if (forwardPath.isPostmaster()) {
            return HookResult.next();
        }
        return directory.lookup(forwardPath.mailbox().orElseThrow()).isPresent()
                ? HookResult.next() : HookResult.reject(UNKNOWN_USER);
    }
}
