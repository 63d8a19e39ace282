package dev.pillarbox.server.maildir;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/**
 * Provides the delivery target {@value #TARGET} (the settings pick it; alone, it is the server's one required
 * target): a {@link MaildirStore} that start-up code has already opened (which is where its directories are
 * created: a module only binds), behind a {@link TransactionLog} that logs one line per transaction. The discard
 * target is a separate module, {@link DiscardStoreModule}, not a flag here.
 */
public final class MaildirStoreModule extends AbstractModule {

    /** The delivery target's name. */
    public static final String TARGET = "maildir";

    private final MaildirStore store;

    /** Provides {@code store} as the delivery target {@value #TARGET}. */
    public MaildirStoreModule(MaildirStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    protected void configure() {
        bind(MaildirStore.class).toInstance(store);
        SmtpBinder.deliveryTarget(binder(), TARGET).toInstance(TransactionLog.around(store));
    }
}
