package dev.pillarbox.smtp.extensions.chunking;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.extensions.Extensions;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.VerbTrait;

/**
 * CHUNKING (RFC 3030): advertises {@code CHUNKING} and adds the verb {@code BDAT <size> [LAST]}, whose chunk the
 * server reads as exactly {@code size} raw octets ({@link dev.pillarbox.smtp.plugins.api.Outcome#readChunk}); the
 * last chunk ends the message with {@link dev.pillarbox.smtp.plugins.api.Outcome#deliver()}, as DATA does. Also a
 * DATA hook that refuses DATA in a transaction that already sent BDAT chunks ({@code 503 5.5.1}).
 */
public final class ChunkingModule extends AbstractModule {

    /** The module; it has no settings. */
    public ChunkingModule() {
    }

    @Override
    protected void configure() {
        SmtpBinder.capability(binder()).toInstance(Extensions.keyword("CHUNKING"));
        SmtpBinder.verb(binder(), BdatHandler.BDAT).to(BdatHandler.class);
        // the chunk follows the command line: one body deadline spans the message's chunks
        ExtensionPoints.verbTrait(binder(), BdatHandler.BDAT, VerbTrait.FOLLOWED_BY_OCTETS);
        SmtpBinder.hook(binder(), DataHook.class).to(DataAfterBdatHook.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkingModule;
    }

    @Override
    public int hashCode() {
        return ChunkingModule.class.hashCode();
    }
}
