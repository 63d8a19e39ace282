package dev.pillarbox.server.rabbitmq;

import com.google.inject.AbstractModule;
import dev.pillarbox.server.maildir.TransactionLog;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import java.util.Objects;

/** Binds the {@link MessageStore} to a {@link RabbitMessageStore} over a publisher made at start-up. */
public final class RabbitStoreModule extends AbstractModule {

    private final RabbitPublisher publisher;

    /** A module publishing through {@code publisher}. */
    public RabbitStoreModule(RabbitPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    protected void configure() {
        bind(RabbitPublisher.class).toInstance(publisher);
        bind(MessageStore.class).toInstance(TransactionLog.around(new RabbitMessageStore(publisher)));
    }
}
