package dev.pillarbox.smtp.plugins.examples.consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application receiving mail from the reference server's RabbitMQ target. It consumes the queue with manual
 * acknowledgements: a message is acknowledged only after {@link MailHandler#deliver} returned, so a consumer that
 * crashes mid-way leaves it in the queue for the next one (the broker redelivers it, flagged redelivered); a
 * handler that throws has it requeued. Delivery is therefore at least once, as it is from the SMTP side (a client
 * that lost a 250 sends again): an application that must not act twice keys on {@link InboundMail#queueId()}.
 *
 * <p>Run it beside a server with {@code store: rabbitmq}:
 *
 * <pre>
 * java -cp smtp-plugins-examples.jar:amqp-client.jar:slf4j-api.jar \
 *      dev.pillarbox.smtp.plugins.examples.consumer.InboundConsumer amqp://guest:guest@127.0.0.1:5672/%2f pillarbox.inbound
 * </pre>
 *
 * which prints one line per message and acknowledges it.
 */
public final class InboundConsumer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InboundConsumer.class.getName());

    /** What the application does with one message. */
    @FunctionalInterface
    public interface MailHandler {
        /** Processes {@code mail}; throwing leaves it in the queue (requeued) for another try. */
        void deliver(InboundMail mail) throws Exception;
    }

    private final Connection connection;
    private final AtomicLong acknowledged;

    private InboundConsumer(Connection connection, AtomicLong acknowledged) {
        this.connection = connection;
        this.acknowledged = acknowledged;
    }

    /** Messages processed and acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /**
     * Connects to {@code uri} and consumes {@code queue}, at most {@code prefetch} unacknowledged messages at a time,
     * handing each to {@code handler} on the client's consumer thread.
     */
    public static InboundConsumer start(String uri, String queue, int prefetch, MailHandler handler)
            throws Exception {
        Objects.requireNonNull(handler, "handler");
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, got " + prefetch);
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setAutomaticRecoveryEnabled(true); // a broker restart resumes consuming by itself
        Connection connection = factory.newConnection("pillarbox-consumer");
        AtomicLong acknowledged = new AtomicLong();
        try {
            Channel channel = connection.createChannel();
            channel.basicQos(prefetch);
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                        byte[] body) throws IOException {
                    InboundMail mail = InboundMail.of(properties.getHeaders(), envelope.isRedeliver(), body);
                    try {
                        handler.deliver(mail);
                    } catch (Exception e) {
                        LOG.log(System.Logger.Level.WARNING, "message {0} not processed, requeued: {1}", mail.queueId(),
                                e.toString());
                        channel.basicNack(envelope.getDeliveryTag(), false, true);
                        return;
                    }
                    channel.basicAck(envelope.getDeliveryTag(), false);
                    acknowledged.incrementAndGet();
                }
            });
        } catch (IOException | RuntimeException e) {
            connection.abort();
            throw e;
        }
        return new InboundConsumer(connection, acknowledged);
    }

    @Override
    public void close() throws IOException {
        if (connection.isOpen()) {
            connection.close();
        }
    }

    /** {@code InboundConsumer <amqp-uri> <queue>}: prints each message's envelope and subject, until interrupted. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: InboundConsumer <amqp-uri> <queue>, e.g. "
                    + "amqp://guest:guest@127.0.0.1:5672/%2f pillarbox.inbound");
            System.exit(2);
        }
        CountDownLatch forever = new CountDownLatch(1);
        try (InboundConsumer consumer = start(args[0], args[1], 32, mail -> System.out.printf(
                "%s from %s to %s (client %s, HELO %s): %d octets, Subject: %s%n", mail.queueId(), mail.sender(),
                mail.recipients(), mail.clientAddress(), mail.helo(), mail.content().length, mail.subject()))) {
            forever.await();
        }
    }
}
