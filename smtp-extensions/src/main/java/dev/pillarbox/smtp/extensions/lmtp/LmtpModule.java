package dev.pillarbox.smtp.extensions.lmtp;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.VerbTrait;

/**
 * LMTP (RFC 2033) on the listeners whose protocol is {@link dev.pillarbox.smtp.plugins.api.Protocol#LMTP}: adds the
 * LHLO verb, which greets like EHLO and lists the same capabilities (RFC 2033 4.1). The server itself refuses HELO
 * and EHLO on LMTP listeners and answers once per accepted recipient after the body there, from the message hooks'
 * {@link dev.pillarbox.smtp.plugins.api.HookResult#perRecipient} results (RFC 2033 4.2), for DATA and BDAT alike.
 * On SMTP listeners LHLO is answered as an unknown verb.
 */
public final class LmtpModule extends AbstractModule {

    /** The module; it has no settings. */
    public LmtpModule() {
    }

    @Override
    protected void configure() {
        SmtpBinder.verb(binder(), LhloHandler.LHLO).to(LhloHandler.class);
        ExtensionPoints.verbTrait(binder(), LhloHandler.LHLO, VerbTrait.ENDS_PIPELINE_GROUP); // like EHLO
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LmtpModule;
    }

    @Override
    public int hashCode() {
        return LmtpModule.class.hashCode();
    }
}
