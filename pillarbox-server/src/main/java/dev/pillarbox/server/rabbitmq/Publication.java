package dev.pillarbox.server.rabbitmq;

import java.util.Map;
import java.util.Objects;

/**
 * One message to publish.
 *
 * @param exchange the exchange, {@code ""} for the default one
 * @param routingKey the routing key (the queue name on the default exchange)
 * @param messageId the message id property (the queue id)
 * @param headers AMQP headers: the envelope
 * @param body the message content
 */
public record Publication(String exchange, String routingKey, String messageId, Map<String, Object> headers,
        byte[] body) {

    /** Validates and copies the components. */
    public Publication {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(messageId, "messageId");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
