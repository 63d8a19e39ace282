package dev.pillarbox.smtp.extensions.enhancedstatuscodes;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.extensions.Extensions;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;

/**
 * ENHANCEDSTATUSCODES (RFC 2034): advertises the keyword and tells the server, through
 * {@link ExtensionPoints#enhancedStatusCodes(com.google.inject.Binder)}, to keep the RFC 3463 codes its replies carry ({@code 250 2.1.0 Sender OK}).
 * RFC 2034 4: the codes are sent whether or not the client used EHLO, and not on the greeting, on HELO/EHLO replies
 * or on 3xx replies, which the built-in catalogue already leaves without one. Without this module the server strips
 * every enhanced code, plugin replies included, since it no longer offers the extension.
 */
public final class EnhancedStatusCodesModule extends AbstractModule {

    /** The module; it has no settings. */
    public EnhancedStatusCodesModule() {
    }

    @Override
    protected void configure() {
        SmtpBinder.capability(binder()).toInstance(Extensions.keyword("ENHANCEDSTATUSCODES"));
        ExtensionPoints.enhancedStatusCodes(binder());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnhancedStatusCodesModule;
    }

    @Override
    public int hashCode() {
        return EnhancedStatusCodesModule.class.hashCode();
    }
}
