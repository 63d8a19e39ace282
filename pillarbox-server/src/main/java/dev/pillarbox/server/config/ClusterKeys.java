package dev.pillarbox.server.config;

import dev.pillarbox.server.rabbitmq.RabbitSettings;
import dev.pillarbox.server.state.StateSettings;
import java.util.Optional;

/**
 * The keys for running several instances: {@code state}, {@code state-prefix}, {@code state-timeout} (the shared
 * policy state) and the {@code rabbitmq} section (the RabbitMQ store), read from {@link ConfigLoader}'s values.
 */
final class ClusterKeys {

    private ClusterKeys() {
    }

    /** The shared policy state: {@code state: redis://host:port/db}, or empty (the default) for memory. */
    static Optional<StateSettings> state(ConfigValues values) throws ConfigException {
        String uri = values.string("state", "");
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StateSettings.parse(uri, values.string("state-prefix", StateSettings.DEFAULT_PREFIX),
                    values.duration("state-timeout", StateSettings.DEFAULT_TIMEOUT, false)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** The {@code rabbitmq} section, read whatever the store (so its mistakes show even before it is used). */
    static RabbitSettings rabbitmq(ConfigValues values) throws ConfigException {
        RabbitSettings d = RabbitSettings.defaults();
        try {
            return new RabbitSettings(RabbitSettings.parseUri(values.string("rabbitmq.uri", RabbitSettings.DEFAULT_URI)),
                    values.choice("rabbitmq.routing", RabbitSettings.Routing.class, d.routing()),
                    values.string("rabbitmq.queue", d.queue()),
                    values.string("rabbitmq.exchange", d.exchange()),
                    values.duration("rabbitmq.confirm-timeout", d.confirmTimeout(), false),
                    values.positive("rabbitmq.channels", d.channels()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }
}
