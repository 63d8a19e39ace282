package dev.pillarbox.smtp.plugins.api;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;

/** Runs on a syntactically valid RCPT TO within a transaction, before the server answers. */
public interface RcptHook extends Hook {

    /** Decides on the recipient; the session's envelope holds the recipients accepted so far. */
    HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters);
}
