package dev.pillarbox.server.config;

import dev.pillarbox.server.rabbitmq.RabbitSettings;
import dev.pillarbox.server.state.StateSettings;
import dev.pillarbox.smtp.server.DeliveryTargetChoice;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of where messages go and of running several instances: the {@code delivery} section (the targets picked),
 * the {@code rabbitmq} section (the RabbitMQ target), {@code state}, {@code state-prefix} and {@code state-timeout}
 * (the shared policy state), read from {@link ConfigLoader}'s values.
 */
final class ClusterKeys {

    private ClusterKeys() {
    }

    /**
     * The delivery targets: {@code delivery.required} (by default the {@code store}'s target, {@code maildir},
     * {@code rabbitmq} or {@code discard}) and {@code delivery.optional}, by the names the targets are provided under.
     */
    static List<DeliveryTargetChoice> delivery(ConfigValues values, StoreKind store) throws ConfigException {
        List<String> required = values.get("delivery.required") == null ? List.of(store.configName())
                : values.list("delivery.required");
        if (required.isEmpty()) {
            throw values.invalid("delivery.required", "", "is empty: a 250 must mean that a target committed the"
                    + " message (maildir, discard or a plugin's target)");
        }
        List<DeliveryTargetChoice> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String key : List.of("delivery.required", "delivery.optional")) {
            for (String name : key.equals("delivery.required") ? required : values.list(key)) {
                if (!seen.add(name)) {
                    throw values.invalid(key, name, "is picked twice");
                }
                try {
                    out.add(new DeliveryTargetChoice(name, key.equals("delivery.required")));
                } catch (IllegalArgumentException e) {
                    throw values.invalid(key, name, "is not a target name (lower-case letters, digits, dashes)");
                }
            }
        }
        return out;
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
