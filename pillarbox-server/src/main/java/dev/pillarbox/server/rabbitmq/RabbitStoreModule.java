package dev.pillarbox.server.rabbitmq;

import com.google.inject.AbstractModule;
import dev.pillarbox.server.maildir.TransactionLog;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/**
 * Provides the delivery target {@value #TARGET}: a {@link RabbitMessageStore} over a publisher made at start-up,
 * behind a {@link TransactionLog}. The settings pick it ({@code store: rabbitmq}, or by name in {@code delivery}).
 */
public final class RabbitStoreModule extends AbstractModule {

    /** The delivery target's name. */
    public static final String TARGET = "rabbitmq";

    private final RabbitPublisher publisher;

    /** A module publishing through {@code publisher}. */
    public RabbitStoreModule(RabbitPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    protected void configure() {
        bind(RabbitPublisher.class).toInstance(publisher);
        SmtpBinder.deliveryTarget(binder(), TARGET).toInstance(TransactionLog.around(new RabbitMessageStore(publisher)));
    }
}
