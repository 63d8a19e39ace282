package dev.pillarbox.server.maildir;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import java.util.Objects;

/**
 * Binds {@link MessageStore} to a {@link MaildirStore} that start-up code has already opened (which is where
 * its directories are created: a module only binds), behind a {@link TransactionLog} that logs one line per
 * transaction. The discard store is a separate module, {@link DiscardStoreModule}, not a flag here.
 */
public final class MaildirStoreModule extends AbstractModule {

    private final MaildirStore store;

    /** Binds {@code store} as the server's message store. */
    public MaildirStoreModule(MaildirStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    protected void configure() {
        bind(MaildirStore.class).toInstance(store);
        bind(MessageStore.class).toInstance(TransactionLog.around(store));
    }
}
