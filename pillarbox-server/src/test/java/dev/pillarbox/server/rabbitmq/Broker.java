package dev.pillarbox.server.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tests' own side of a broker: declare, inspect and drain queues with a plain client. */
final class Broker implements AutoCloseable {

    /** A consumed message: its headers and body. */
    record Consumed(String messageId, Map<String, Object> headers, String body, boolean persistent) {
    }

    private final Connection connection;
    private final Channel channel;

    Broker(String uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setAutomaticRecoveryEnabled(false);
        this.connection = factory.newConnection("pillarbox-test");
        this.channel = connection.createChannel();
    }

    /** The number of messages ready in {@code queue} (a passive declare: quorum counts in list_queues lag). */
    long count(String queue) throws Exception {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /** Takes every message from {@code queue}, acknowledging each. */
    List<Consumed> drain(String queue) throws Exception {
        List<Consumed> out = new ArrayList<>();
        GetResponse r;
        while ((r = channel.basicGet(queue, false)) != null) {
            Map<String, Object> headers = r.getProps().getHeaders();
            out.add(new Consumed(r.getProps().getMessageId(), headers,
                    new String(r.getBody(), StandardCharsets.UTF_8),
                    Integer.valueOf(2).equals(r.getProps().getDeliveryMode())));
            channel.basicAck(r.getEnvelope().getDeliveryTag(), false);
        }
        return out;
    }

    Channel channel() {
        return channel;
    }

    /** A header value as text (AMQP long strings arrive as LongString). */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @Override
    public void close() throws java.io.IOException {
        if (connection.isOpen()) {
            connection.close();
        }
    }
}
