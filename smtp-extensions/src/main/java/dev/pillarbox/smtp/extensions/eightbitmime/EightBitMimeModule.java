package dev.pillarbox.smtp.extensions.eightbitmime;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.extensions.BodyParameterModule;
import dev.pillarbox.smtp.extensions.Extensions;

/**
 * 8BITMIME (RFC 6152): advertises {@code 8BITMIME} and accepts {@code BODY=7BIT} and {@code BODY=8BITMIME} on MAIL
 * FROM (RFC 6152 2); any other BODY value no enabled extension defines is answered {@code 501 5.5.4}. The body is
 * stored as received: the server never converts it.
 */
public final class EightBitMimeModule extends AbstractModule {

    /** The module; it has no settings. */
    public EightBitMimeModule() {
    }

    @Override
    protected void configure() {
        SmtpBinder.capability(binder()).toInstance(Extensions.keyword("8BITMIME"));
        install(new BodyParameterModule());
        BodyParameterModule.bodyValue(binder(), "7BIT");
        BodyParameterModule.bodyValue(binder(), "8BITMIME");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EightBitMimeModule;
    }

    @Override
    public int hashCode() {
        return EightBitMimeModule.class.hashCode();
    }
}
