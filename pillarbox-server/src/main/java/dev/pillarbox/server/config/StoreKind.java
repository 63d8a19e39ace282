package dev.pillarbox.server.config;

import java.util.Locale;

/** Where the reference server puts accepted messages (configuration key {@code store}). */
public enum StoreKind {
    /** Durably, one file per message in a Maildir: the default. */
    MAILDIR,
    /** Nowhere: accept and throw away, for benchmarks (like Postfix's discard transport). */
    DISCARD,
    /** Published to RabbitMQ with publisher confirms (the {@code rabbitmq} section). */
    RABBITMQ;

    /** The name used in configuration, e.g. {@code maildir}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
