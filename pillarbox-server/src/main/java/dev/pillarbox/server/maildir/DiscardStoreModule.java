package dev.pillarbox.server.maildir;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import dev.pillarbox.smtp.plugins.api.MessageStore;

/**
 * Binds {@link MessageStore} to a {@link DiscardStore}, behind a {@link TransactionLog}: every message is
 * accepted and thrown away, like Postfix's {@code discard} transport. For benchmarks and load tests (set the
 * log level to {@code warn} there to leave out the per-transaction line), never for mail anyone wants.
 */
public final class DiscardStoreModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(DiscardStore.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    MessageStore messageStore(DiscardStore store) {
        return TransactionLog.around(store);
    }
}
