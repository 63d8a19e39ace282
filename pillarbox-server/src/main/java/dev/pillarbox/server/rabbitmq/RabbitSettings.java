package dev.pillarbox.server.rabbitmq;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how accepted messages are published (the {@code rabbitmq} section).
 *
 * @param uri the broker, {@code amqp://user:password@host:port/vhost} (key {@code rabbitmq.uri}, default
 *     {@code amqp://guest:guest@127.0.0.1:5672/%2f})
 * @param routing {@code queue}: every message to one durable quorum queue; {@code recipient-domain}: to an exchange
 *     with the recipient's domain as routing key, once per domain (key {@code rabbitmq.routing}, default queue)
 * @param queue the quorum queue (key {@code rabbitmq.queue}, default {@code pillarbox.inbound}), declared at start
 *     with routing {@code queue}
 * @param exchange the exchange with routing {@code recipient-domain} (key {@code rabbitmq.exchange}, default
 *     {@code pillarbox.inbound}), declared durable and direct at start; its bindings are the operator's
 * @param confirmTimeout how long a session waits for the broker's confirm before it answers 451 4.3.0 (key
 *     {@code rabbitmq.confirm-timeout}, default 10s)
 * @param channels publishing channels in confirm mode, shared by all sessions in turn (key
 *     {@code rabbitmq.channels}, default 2; more channels cost the broker more work per message)
 */
public record RabbitSettings(URI uri, Routing routing, String queue, String exchange, Duration confirmTimeout,
        int channels) {

    /** How a message finds its queue. */
    public enum Routing {
        /** One quorum queue for everything (default exchange, routing key = queue name). */
        QUEUE,
        /** An exchange, routing key = the recipient's domain, one publish per domain. */
        RECIPIENT_DOMAIN;

        /** The name used in configuration. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The default broker URI (the guest user is only allowed from loopback). */
    public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672/%2f";

    /** Validates the components. */
    public RabbitSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            throw new IllegalArgumentException("rabbitmq.uri: \"" + redacted(uri) + "\" is not an amqp:// or amqps:// URI");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("rabbitmq.uri: \"" + redacted(uri) + "\" names no host");
        }
        if (routing == Routing.QUEUE && queue.isBlank()) {
            throw new IllegalArgumentException("rabbitmq.queue must not be empty with routing queue");
        }
        if (routing == Routing.RECIPIENT_DOMAIN && exchange.isBlank()) {
            throw new IllegalArgumentException("rabbitmq.exchange must not be empty with routing recipient-domain"
                    + " (the default exchange routes by queue name only)");
        }
        if (confirmTimeout.isZero() || confirmTimeout.isNegative()) {
            throw new IllegalArgumentException("rabbitmq.confirm-timeout must be positive");
        }
        if (channels < 1 || channels > 2047) {
            throw new IllegalArgumentException("rabbitmq.channels must be between 1 and 2047, got " + channels);
        }
    }

    /** The defaults: one quorum queue {@code pillarbox.inbound} on a local broker. */
    public static RabbitSettings defaults() {
        return new RabbitSettings(URI.create(DEFAULT_URI), Routing.QUEUE, "pillarbox.inbound", "pillarbox.inbound",
                Duration.ofSeconds(10), 2);
    }

    /** Parses a broker URI, saying what is wrong with it. */
    public static URI parseUri(String text) {
        try {
            return new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("rabbitmq.uri: not a URI (use e.g. " + DEFAULT_URI + ")", e);
        }
    }

    /** A copy to another broker. */
    public RabbitSettings withUri(URI other) {
        return new RabbitSettings(other, routing, queue, exchange, confirmTimeout, channels);
    }

    /** A copy publishing to another queue. */
    public RabbitSettings withQueue(String other) {
        return new RabbitSettings(uri, Routing.QUEUE, other, exchange, confirmTimeout, channels);
    }

    /** A copy routing by recipient domain through {@code other}. */
    public RabbitSettings withDomainRouting(String other) {
        return new RabbitSettings(uri, Routing.RECIPIENT_DOMAIN, queue, other, confirmTimeout, channels);
    }

    /** A copy with another confirm timeout. */
    public RabbitSettings withConfirmTimeout(Duration other) {
        return new RabbitSettings(uri, routing, queue, exchange, other, channels);
    }

    /** The URI without its password. */
    static String redacted(URI uri) {
        String info = uri.getUserInfo();
        if (info == null || info.indexOf(':') < 0) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo(), info.substring(0, info.indexOf(':')) + ":***");
    }

    /** One line for the start-up log, without the password. */
    public String describe() {
        return redacted(uri) + " routing=" + routing.configName()
                + (routing == Routing.QUEUE ? " queue=" + queue : " exchange=" + exchange)
                + " confirm-timeout=" + confirmTimeout.toMillis() + "ms channels=" + channels;
    }

    @Override
    public String toString() {
        return describe();
    }
}
