package dev.pillarbox.server.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes messages with publisher confirms over one connection and a pool of channels. Each publish borrows a
 * channel, so the confirms a session waits for are its own (a channel's delivery tags are per channel, and only
 * one session uses a channel at a time); the broker still batches confirms across channels, so many sessions
 * publishing at once share its fsyncs. Messages are {@code persistent} and {@code mandatory}: an unroutable
 * message comes back as basic.return, which the broker sends before its basic.ack, so a returned message is
 * known by the time its confirm arrives.
 *
 * <p>The connection recovers by itself after a broker restart (the client's automatic recovery, channels
 * included); a channel that failed or timed out is closed rather than reused, since a late confirm on it would
 * be counted for the next message. A broker down at start-up does not stop the server: the first publish
 * connects. Every failure is a {@link PublishException}.
 */
public final class RabbitPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitPublisher.class);

    private final RabbitSettings settings;
    private final ConnectionFactory factory;
    private final BlockingQueue<PooledChannel> idle;
    private final AtomicInteger open = new AtomicInteger();
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile Connection connection;
    private volatile boolean closed;
    private volatile boolean declared;

    private RabbitPublisher(RabbitSettings settings, ConnectionFactory factory) {
        this.settings = settings;
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(settings.channels());
    }

    /** A publisher to the broker {@code settings} names; it connects at the first publish. */
    public static RabbitPublisher create(RabbitSettings settings) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(settings.uri());
        } catch (Exception e) {
            throw new IllegalArgumentException("rabbitmq.uri: " + RabbitSettings.redacted(settings.uri())
                    + " cannot be used: " + e.getMessage(), e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.confirmTimeout().toMillis());
        factory.setConnectionTimeout(timeout);
        factory.setHandshakeTimeout(timeout);
        factory.setShutdownTimeout(timeout);
        factory.setRequestedHeartbeat(10);
        factory.setClientProperties(Map.of("connection_name", "pillarbox", "product", "Pillarbox"));
        return new RabbitPublisher(settings, factory);
    }

    /** The settings it publishes with. */
    public RabbitSettings settings() {
        return settings;
    }

    /**
     * Publishes every publication and waits for the broker's confirm of each.
     *
     * @throws PublishException if any was nacked, returned, not confirmed in time, or the connection failed
     */
    public void publish(List<Publication> publications) throws PublishException {
        long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
        PooledChannel pooled = borrow(deadline);
        boolean reusable = false;
        try {
            pooled.returned = null;
            for (Publication p : publications) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .deliveryMode(2) // persistent
                        .contentType("message/rfc822")
                        .messageId(p.messageId())
                        .timestamp(new Date())
                        .headers(p.headers())
                        .build();
                pooled.channel.basicPublish(p.exchange(), p.routingKey(), true, properties, p.body());
            }
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            boolean acked = pooled.channel.waitForConfirms(left);
            if (pooled.returned != null) {
                reusable = true;
                throw new PublishException(PublishException.Reason.UNROUTABLE, "the broker returned the message: "
                        + pooled.returned, null);
            }
            if (!acked) {
                throw new PublishException(PublishException.Reason.NACKED, "the broker nacked the message", null);
            }
            reusable = true;
        } catch (PublishException e) {
            throw e; // nacked or returned: already typed (it is an IOException too, caught below otherwise)
        } catch (TimeoutException e) {
            throw new PublishException(PublishException.Reason.TIMEOUT, "no confirm within "
                    + settings.confirmTimeout().toMillis() + "ms", e);
        } catch (IOException | ShutdownSignalException e) {
            throw new PublishException(PublishException.Reason.CONNECTION, "publishing failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(PublishException.Reason.CONNECTION, "interrupted while waiting for a confirm",
                    e);
        } finally {
            release(pooled, reusable);
        }
    }

    private PooledChannel borrow(long deadline) throws PublishException {
        if (closed) {
            throw new PublishException(PublishException.Reason.CONNECTION, "the publisher is closed", null);
        }
        PooledChannel pooled = idle.poll();
        if (pooled != null) {
            return pooled;
        }
        if (open.incrementAndGet() <= settings.channels()) {
            try {
                return openChannel();
            } catch (PublishException | RuntimeException e) {
                open.decrementAndGet();
                throw e;
            }
        }
        open.decrementAndGet();
        try {
            pooled = idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(PublishException.Reason.CONNECTION, "interrupted waiting for a channel", e);
        }
        if (pooled == null) {
            throw new PublishException(PublishException.Reason.TIMEOUT, "all " + settings.channels()
                    + " channels stayed busy for " + settings.confirmTimeout().toMillis() + "ms", null);
        }
        return pooled;
    }

    private void release(PooledChannel pooled, boolean reusable) {
        if (reusable && !closed && pooled.channel.isOpen() && idle.offer(pooled)) {
            return;
        }
        open.decrementAndGet();
        try {
            if (pooled.channel.isOpen()) {
                pooled.channel.abort();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a failed channel: {}", e.toString());
        }
    }

    private PooledChannel openChannel() throws PublishException {
        try {
            Channel channel = connection().createChannel();
            if (channel == null) {
                throw new PublishException(PublishException.Reason.CONNECTION, "the broker has no channel left", null);
            }
            channel.confirmSelect();
            PooledChannel pooled = new PooledChannel(channel);
            channel.addReturnListener(r -> pooled.returned = r.getReplyCode() + " " + r.getReplyText()
                    + " (exchange \"" + r.getExchange() + "\", routing key \"" + r.getRoutingKey() + "\")");
            return pooled;
        } catch (IOException | ShutdownSignalException e) {
            throw new PublishException(PublishException.Reason.CONNECTION, "cannot open a channel to "
                    + RabbitSettings.redacted(settings.uri()) + ": " + e.getMessage(), e);
        }
    }

    private Connection connection() throws PublishException {
        Connection current = connection;
        if (current != null) {
            return current; // recovering by itself when closed: createChannel then fails, answered 451
        }
        connecting.lock();
        try {
            if (connection == null) {
                Connection fresh = factory.newConnection("pillarbox");
                declare(fresh);
                connection = fresh;
                LOG.info("RabbitMQ target connected: {}", settings.describe());
            }
            return connection;
        } catch (IOException | TimeoutException e) {
            throw new PublishException(PublishException.Reason.CONNECTION, "cannot connect to "
                    + RabbitSettings.redacted(settings.uri()) + ": " + e.getMessage(), e);
        } finally {
            connecting.unlock();
        }
    }

    /** Declares the quorum queue (routing queue) or the durable direct exchange (routing recipient-domain). */
    private void declare(Connection fresh) throws IOException, TimeoutException {
        if (declared) {
            return;
        }
        try (Channel channel = fresh.createChannel()) {
            if (settings.routing() == RabbitSettings.Routing.QUEUE) {
                channel.queueDeclare(settings.queue(), true, false, false, Map.of("x-queue-type", "quorum"));
            } else {
                channel.exchangeDeclare(settings.exchange(), BuiltinExchangeType.DIRECT, true);
            }
        }
        declared = true;
    }

    /**
     * For the readiness probe: connects if no connection was made yet, and fails while the connection is closed
     * (the broker is down, or the connection is recovering).
     *
     * @throws PublishException saying why the broker cannot take a message now
     */
    public void probe() throws PublishException {
        if (!connection().isOpen()) {
            throw new PublishException(PublishException.Reason.CONNECTION, "the connection to "
                    + RabbitSettings.redacted(settings.uri()) + " is closed (recovering)", null);
        }
    }

    /** {@link #probe()} as a yes or no, for the server's readiness probe. */
    public boolean ready() {
        try {
            probe();
            return true;
        } catch (PublishException e) {
            LOG.debug("RabbitMQ target not ready: {}", e.getMessage());
            return false;
        }
    }

    /** Whether a connection is open now (for tests). */
    public boolean connected() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        PooledChannel pooled;
        while ((pooled = idle.poll()) != null) {
            release(pooled, false);
        }
        Connection current = connection;
        if (current != null) {
            try {
                current.close(2000);
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the RabbitMQ connection: {}", e.toString());
            }
        }
    }

    /** A channel in confirm mode, and the last basic.return it saw (set on the connection's thread). */
    private static final class PooledChannel {
        final Channel channel;
        volatile String returned;

        PooledChannel(Channel channel) {
            this.channel = channel;
        }
    }
}
