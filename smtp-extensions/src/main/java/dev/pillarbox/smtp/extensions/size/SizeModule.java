package dev.pillarbox.smtp.extensions.size;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;

/**
 * SIZE (RFC 1870): advertises {@code SIZE <limit>} with the server's maximum message size
 * ({@link dev.pillarbox.smtp.plugins.spi.MaxMessageSize}), owns the MAIL parameter {@code SIZE=<octets>} and refuses
 * a declared size over the limit with {@code 552 5.3.4} before any data is sent (RFC 1870 6.1). The server itself
 * drains and refuses, with the same 552, a body that turns out larger, declared or not.
 */
public final class SizeModule extends AbstractModule {

    /** The module; it has no settings. */
    public SizeModule() {
    }

    @Override
    protected void configure() {
        SmtpBinder.capability(binder()).to(SizeCapability.class);
        SmtpBinder.mailParameter(binder(), SizeHook.SIZE, 26); // RFC 1870 3 (5)
        SmtpBinder.hook(binder(), MailHook.class).to(SizeHook.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SizeModule;
    }

    @Override
    public int hashCode() {
        return SizeModule.class.hashCode();
    }
}
