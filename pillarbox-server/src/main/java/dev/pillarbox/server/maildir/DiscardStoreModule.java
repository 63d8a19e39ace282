package dev.pillarbox.server.maildir;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/**
 * Provides the delivery target {@value #TARGET}: a {@link DiscardStore} behind a {@link TransactionLog}; every
 * message is accepted and thrown away, like Postfix's {@code discard} transport. For benchmarks and load tests (set
 * the log level to {@code warn} there to leave out the per-transaction line), never for mail anyone wants.
 */
public final class DiscardStoreModule extends AbstractModule {

    /** The delivery target's name. */
    public static final String TARGET = "discard";

    @Override
    protected void configure() {
        bind(DiscardStore.class).in(Scopes.SINGLETON);
        SmtpBinder.deliveryTarget(binder(), TARGET).toProvider(DiscardTargetProvider.class).in(Scopes.SINGLETON);
    }

    /** The discard store behind its transaction log. */
    static final class DiscardTargetProvider implements Provider<TransactionLog> {
        private final DiscardStore store;

        @Inject
        DiscardTargetProvider(DiscardStore store) {
            this.store = store;
        }

        @Override
        public TransactionLog get() {
            return TransactionLog.around(store);
        }
    }
}
