package dev.pillarbox.smtp.extensions.dsn;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.extensions.Extensions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The hooks that check DSN parameters where they arrive, answering {@code 501 5.5.4} with the reason. */
final class DsnHooks {

    private DsnHooks() {
    }

    /** RET and ENVID on MAIL FROM (RFC 3461 4.3, 4.4). */
    @Singleton
    static final class Mail implements MailHook {

        @Inject
        Mail() {
        }

        @Override
        public HookPosition position() {
            return HookPosition.FIRST;
        }

        @Override
        public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
            try {
                DsnMail.parse(parameters);
                return HookResult.next();
            } catch (DsnParameterException e) {
                return HookResult.reject(ExtensionReplies.dsnInvalid(e.parameter(), e.reason()));
            }
        }
    }

    /** NOTIFY and ORCPT on RCPT TO (RFC 3461 4.1, 4.2). */
    @Singleton
    static final class Rcpt implements RcptHook {

        @Inject
        Rcpt() {
        }

        @Override
        public HookPosition position() {
            return HookPosition.FIRST;
        }

        @Override
        public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
            try {
                DsnRecipient.parse(parameters);
                return HookResult.next();
            } catch (DsnParameterException e) {
                return HookResult.reject(ExtensionReplies.dsnInvalid(e.parameter(), e.reason()));
            }
        }
    }
}
