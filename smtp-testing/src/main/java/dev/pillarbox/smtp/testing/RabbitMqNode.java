package dev.pillarbox.smtp.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A private RabbitMQ node for tests that stop the broker (the machine's own broker on 5672 is never stopped): its
 * own {@code HOME} (Erlang cookie), node name, AMQP and distribution ports, Mnesia and log directories, and its own
 * {@code epmd} on a free port (started here in the foreground, so that it too is stopped by its PID). Started
 * through RabbitMQ's own script, not Debian's wrapper, which would switch user. Ready when the AMQP port answers
 * the protocol header with a Connection.Start frame. {@link #stop()} then {@link #start()} keeps the ports and the
 * data, so durable queues and their messages survive, as on a restarted production broker.
 */
public final class RabbitMqNode extends EngineProcess {

    private static final String SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static final String EPMD = "/usr/bin/epmd";

    private final Path dir;
    private final int amqpPort;
    private final int epmdPort;
    private final int distPort;
    private final Epmd epmd = new Epmd();

    private RabbitMqNode(Path dir, int amqpPort, int epmdPort, int distPort) {
        this.dir = dir;
        this.amqpPort = amqpPort;
        this.epmdPort = epmdPort;
        this.distPort = distPort;
    }

    /** Starts a node in {@code dir}; it takes 5-20 s on a busy machine. */
    public static RabbitMqNode start(Path dir) throws IOException, InterruptedException {
        RabbitMqNode node = new RabbitMqNode(Files.createDirectories(dir), freePort(), freePort(), freePort());
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.1 = 127.0.0.1:" + node.amqpPort + "\n"
                + "loopback_users.guest = true\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n", StandardCharsets.UTF_8);
        node.start();
        return node;
    }

    /** (Re)starts the node on its ports with its data; returns when AMQP answers. */
    public void start() throws IOException, InterruptedException {
        if (!epmd.running()) {
            epmd.launch(List.of(EPMD, "-port", Integer.toString(epmdPort)), Map.of(), dir.resolve("epmd.log"),
                    Duration.ofSeconds(10));
        }
        Map<String, String> env = Map.ofEntries(
                Map.entry("HOME", dir.resolve("home").toString()),
                Map.entry("RABBITMQ_NODENAME", "pillarbox" + amqpPort + "@localhost"),
                Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
                Map.entry("RABBITMQ_NODE_PORT", Integer.toString(amqpPort)),
                Map.entry("RABBITMQ_DIST_PORT", Integer.toString(distPort)),
                Map.entry("ERL_EPMD_PORT", Integer.toString(epmdPort)),
                Map.entry("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString()),
                Map.entry("RABBITMQ_LOG_BASE", dir.resolve("log").toString()),
                Map.entry("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString()),
                Map.entry("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString()),
                Map.entry("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString()),
                Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString()),
                Map.entry("RABBITMQ_PLUGINS_EXPAND_DIR", dir.resolve("plugins-expand").toString()),
                Map.entry("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString()));
        launch(List.of(SERVER), env, dir.resolve("rabbitmq.log"), Duration.ofSeconds(90));
    }

    @Override
    protected boolean ready() {
        // AMQP 0-9-1 section 4.2.2: the protocol header, answered by a method frame (type 1) on channel 0
        return answers(amqpPort, new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1}, new byte[] {1, 0, 0});
    }

    /** Its AMQP port on 127.0.0.1. */
    public int port() {
        return amqpPort;
    }

    /** {@code amqp://guest:guest@127.0.0.1:<port>/%2f}. */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + amqpPort + "/%2f";
    }

    /** Stops the node, then its epmd. */
    @Override
    public void close() {
        super.close();
        epmd.close();
    }

    /** The node's own port mapper, in the foreground. */
    private final class Epmd extends EngineProcess {
        @Override
        protected boolean ready() {
            // EPMD_NAMES_REQ (110): answered by the 4-byte port epmd listens on
            return answers(epmdPort, new byte[] {0, 1, 110},
                    new byte[] {0, 0, (byte) (epmdPort >>> 8), (byte) epmdPort});
        }
    }
}
