package dev.pillarbox.forward;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.Envelope;
import dev.pillarbox.smtp.client.MessageBody;
import dev.pillarbox.smtp.client.SendResult;
import dev.pillarbox.smtp.client.SmtpClient;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.server.DeliveryTargetChoice;
import dev.pillarbox.smtp.server.ServerSettings;
import dev.pillarbox.smtp.server.SmtpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * A Pillarbox server on loopback with the forward plugin as its one required delivery target, for the tests: the
 * plugin is found by discovery and configured from a settings map, as the reference server does. Captures the
 * delivery log lines.
 */
final class Gateway implements AutoCloseable {

    private final SmtpServer server;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(DeliveryLog.LOGGER);

    private Gateway(SmtpServer server) {
        this.server = server;
    }

    /** Settings with {@code spool} under {@code dir}, short retries, and {@code routes}. */
    static Map<String, Object> settings(Path dir, Map<String, Object> routes) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spool", dir.resolve("spool").toString());
        settings.put("routes", routes);
        settings.put("retry-schedule", "1s");
        settings.put("timeout", "3s");
        return settings;
    }

    static Gateway start(Map<String, Object> forwardSettings) throws IOException {
        SmtpServer server = SmtpServer.create(ServerSettings.builder().hostname("gateway.test")
                .discoverPlugins(true).plugin(PluginSettings.of("forward", forwardSettings))
                .deliverTo(DeliveryTargetChoice.required("forward")).build());
        Gateway gateway = new Gateway(server);
        gateway.lines.start();
        gateway.logger.setLevel(ch.qos.logback.classic.Level.INFO);
        gateway.logger.addAppender(gateway.lines);
        server.start();
        return gateway;
    }

    SmtpServer server() {
        return server;
    }

    QueueRunner runner() {
        return server.injector().getInstance(QueueRunner.class);
    }

    InetSocketAddress address() {
        return server.boundAddresses().get(0);
    }

    /** Sends {@code content} through the gateway. */
    SendResult send(Envelope envelope, String content) throws IOException {
        try (SmtpClient client = SmtpClient.connect(address(), ClientSettings.defaults())) {
            return client.send(envelope, MessageBody.of(content.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The delivery log lines so far. */
    List<String> lines() {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        }
    }

    /** Waits until some line matches, returning the matching lines. */
    List<String> awaitLines(Predicate<String> match, int count, Duration timeout) {
        await(() -> lines().stream().filter(match).count() >= count, timeout,
                () -> "no " + count + " matching delivery log lines within " + timeout + "; lines: " + lines());
        return lines().stream().filter(match).collect(Collectors.toList());
    }

    /** Waits until the queue is empty. */
    void awaitEmptyQueue(Duration timeout) {
        await(() -> runner().snapshot().isEmpty(), timeout,
                () -> "queue not empty within " + timeout + ": " + runner().snapshot() + "; lines: " + lines());
    }

    static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public void close() {
        server.close();
        logger.detachAppender(lines);
    }

}
