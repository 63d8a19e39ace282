package dev.pillarbox.smtp.plugins.api;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ReversePath;

/**
 * Runs on a syntactically valid MAIL FROM whose parameters all have an owner, before the server answers.
 * Extensions that own MAIL parameters validate them here (e.g. SIZE answers 552 5.3.4).
 */
public interface MailHook extends Hook {

    /** Decides on the sender. */
    HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters);
}
