package dev.pillarbox.smtp.extensions.smtputf8;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.extensions.Extensions;

/**
 * SMTPUTF8 (RFC 6531): advertises {@code SMTPUTF8} and owns the MAIL parameter of that name. Owning it is what
 * lets the server's MAIL and RCPT parse UTF-8 paths, and only in a transaction whose MAIL FROM carries SMTPUTF8;
 * UTF-8 anywhere else is answered {@code 553 5.6.7} (RFC 6531 3.7.4.1). Switched off, {@code SMTPUTF8} is an unowned
 * parameter ({@code 555 5.5.4}) and every UTF-8 path gets {@code 553 5.6.7}. RFC 6531 3.3 requires 8BITMIME to be
 * offered too.
 */
public final class SmtpUtf8Module extends AbstractModule {

    /** The module; it has no settings. */
    public SmtpUtf8Module() {
    }

    @Override
    protected void configure() {
        SmtpBinder.capability(binder()).toInstance(Extensions.keyword(SmtpUtf8Hook.SMTPUTF8));
        SmtpBinder.mailParameter(binder(), SmtpUtf8Hook.SMTPUTF8, 10); // RFC 6531 3.1 (5)
        SmtpBinder.hook(binder(), MailHook.class).to(SmtpUtf8Hook.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmtpUtf8Module;
    }

    @Override
    public int hashCode() {
        return SmtpUtf8Module.class.hashCode();
    }
}
