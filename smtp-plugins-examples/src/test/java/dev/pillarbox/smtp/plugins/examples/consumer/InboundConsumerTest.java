package dev.pillarbox.smtp.plugins.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.pillarbox.server.cli.ReferenceServer;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer example against the reference server's RabbitMQ target on the machine's broker (a queue of this
 * run's own): what a client sent arrives with its envelope, a failing handler gets the message again, and the
 * queue is empty once everything was acknowledged.
 */
class InboundConsumerTest {

    private static final String BROKER = "amqp://guest:guest@127.0.0.1:5672/%2f";

    private final String queue = "pillarbox-consumer-test-" + UUID.randomUUID();
    private ReferenceServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        try (Connection c = connection()) {
            c.createChannel().queueDelete(queue);
        }
    }

    private static Connection connection() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(BROKER);
        return factory.newConnection("pillarbox-consumer-test");
    }

    @Test
    void receivesEachAcceptedMessageAcknowledgesItAndGetsAFailedOneAgain() throws Exception {
        server = ReferenceServer.start(ConfigLoader.load(Optional.empty(), Map.of(), List.of(
                new ConfigOverride("listeners", List.of("127.0.0.1:0"), "--listen"),
                new ConfigOverride("store", "rabbitmq", "test"),
                new ConfigOverride("rabbitmq.uri", BROKER, "test"),
                new ConfigOverride("rabbitmq.queue", queue, "test")), "mx.example.test"));
        InetSocketAddress address = server.boundAddresses().get(0);
        List<String> ids = new ArrayList<>();
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(address)) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.command("MAIL FROM:<alice@example.org>").code().value()).isEqualTo(250);
                assertThat(client.command("RCPT TO:<bob@example.net>").code().value()).isEqualTo(250);
                assertThat(client.command("RCPT TO:<carol@example.com>").code().value()).isEqualTo(250);
                String reply = client.data("Subject: hello " + i + "\r\n\r\nHi\r\n").toString();
                assertThat(reply).startsWith("250 2.0.0 OK: queued as ");
                ids.add(reply.substring(reply.lastIndexOf(' ') + 1));
            }
        }
        BlockingQueue<InboundMail> received = new LinkedBlockingQueue<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        try (InboundConsumer consumer = InboundConsumer.start(BROKER, queue, 8, mail -> {
            received.add(mail);
            if (mail.subject().equals("hello 1") && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("the application's database is down");
            }
        })) {
            List<InboundMail> mails = new ArrayList<>();
            while (mails.size() < 4) {
                InboundMail mail = received.poll(30, TimeUnit.SECONDS);
                assertThat(mail).as("message %d of 4", mails.size() + 1).isNotNull();
                mails.add(mail);
            }
            assertThat(mails).extracting(InboundMail::queueId).containsAll(ids);
            InboundMail again = mails.stream().filter(InboundMail::redelivered).findFirst().orElseThrow();
            assertThat(again.subject()).isEqualTo("hello 1");
            InboundMail first = mails.get(0);
            assertThat(first.sender()).isEqualTo("<alice@example.org>");
            assertThat(first.recipients()).containsExactly("<bob@example.net>", "<carol@example.com>");
            assertThat(first.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(first.helo()).isEqualTo(SmtpTestClient.CLIENT_NAME);
            assertThat(new String(first.content(), StandardCharsets.UTF_8)).endsWith("\r\nHi\r\n");
            // each acknowledgement follows its handler's return: wait for the third before closing
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.acknowledged() < 3 && System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(consumer.acknowledged()).isEqualTo(3);
        }
        try (Connection c = connection()) {
            Channel channel = c.createChannel();
            assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();
        }
    }
}
