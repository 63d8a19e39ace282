package dev.pillarbox.smtp.extensions.dsn;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.extensions.Extensions;

/**
 * DSN (RFC 3461): advertises {@code DSN}, owns {@code RET} and {@code ENVID} on MAIL FROM and {@code NOTIFY} and
 * {@code ORCPT} on RCPT TO, and answers invalid values with {@code 501 5.5.4} and the reason. Accepted values stay
 * in the envelope (its MAIL parameters, each recipient's RCPT parameters); message hooks read them decoded with
 * {@link DsnMail#of} and {@link DsnRecipient#of}. Sending the notifications is left to those hooks.
 */
public final class DsnModule extends AbstractModule {

    /** The module; it has no settings. */
    public DsnModule() {
    }

    @Override
    protected void configure() {
        SmtpBinder.capability(binder()).toInstance(Extensions.keyword("DSN"));
        // each parameter's longest legal form with its leading space, so that a legal line is never "too long"
        SmtpBinder.mailParameter(binder(), DsnMail.RET, " RET=HDRS".length());
        SmtpBinder.mailParameter(binder(), DsnMail.ENVID, " ENVID=".length() + DsnMail.MAX_ENVID);
        SmtpBinder.rcptParameter(binder(), DsnRecipient.NOTIFY, " NOTIFY=SUCCESS,FAILURE,DELAY".length());
        SmtpBinder.rcptParameter(binder(), DsnRecipient.ORCPT, " ORCPT=".length() + DsnRecipient.MAX_ORCPT);
        SmtpBinder.hook(binder(), MailHook.class).to(DsnHooks.Mail.class);
        SmtpBinder.hook(binder(), RcptHook.class).to(DsnHooks.Rcpt.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DsnModule;
    }

    @Override
    public int hashCode() {
        return DsnModule.class.hashCode();
    }
}
