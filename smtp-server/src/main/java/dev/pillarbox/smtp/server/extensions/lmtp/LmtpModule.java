package dev.pillarbox.smtp.server.extensions.lmtp;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.HeloHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;

/**
 * LMTP (RFC 2033) on the listeners whose protocol is {@link dev.pillarbox.smtp.plugins.api.Protocol#LMTP}: adds the
 * LHLO verb, which greets like EHLO and lists the same capabilities (RFC 2033 4.1), and refuses HELO and EHLO there
 * with {@code 500 5.5.1} ("A LMTP server MUST NOT return a Postive Completion reply code to these commands. The 500
 * reply code is recommended", RFC 2033 4.1). On SMTP listeners LHLO is answered as an unknown verb and HELO/EHLO
 * are untouched. After the body the server answers once per accepted recipient, from the message hooks'
 * {@link dev.pillarbox.smtp.plugins.api.HookResult#perRecipient} results (RFC 2033 4.2), for DATA and BDAT alike.
 */
public final class LmtpModule extends AbstractModule {

    @Override
    protected void configure() {
        SmtpBinder.verb(binder(), LhloHandler.LHLO).to(LhloHandler.class);
        SmtpBinder.hook(binder(), HeloHook.class).to(SmtpGreetingOnLmtpHook.class);
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
