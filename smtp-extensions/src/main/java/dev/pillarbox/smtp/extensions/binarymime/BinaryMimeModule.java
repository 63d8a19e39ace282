package dev.pillarbox.smtp.extensions.binarymime;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.extensions.BodyParameterModule;
import dev.pillarbox.smtp.extensions.Extensions;

/**
 * BINARYMIME (RFC 3030 3): advertises {@code BINARYMIME} and accepts {@code BODY=BINARYMIME} on MAIL FROM; such a
 * message may only be sent with BDAT, so DATA in that transaction is answered {@code 503 5.5.1} ("a 503 "Bad sequence
 * of commands" response MUST be sent", RFC 3030 3). Needs the CHUNKING extension: RFC 3030 3 forbids offering
 * BINARYMIME without it, and the server refuses to start when BDAT is missing.
 */
public final class BinaryMimeModule extends AbstractModule {

    /** The module; it has no settings. */
    public BinaryMimeModule() {
    }

    @Override
    protected void configure() {
        SmtpBinder.capability(binder()).toInstance(Extensions.keyword("BINARYMIME"));
        install(new BodyParameterModule());
        BodyParameterModule.bodyValue(binder(), BinaryMimeDataHook.BINARYMIME);
        SmtpBinder.hook(binder(), DataHook.class).to(BinaryMimeDataHook.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMimeModule;
    }

    @Override
    public int hashCode() {
        return BinaryMimeModule.class.hashCode();
    }
}
