package dev.pillarbox.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many instances, end to end: a real HAProxy ({@code send-proxy-v2}, TCP health checks) in front of two reference
 * servers, each a JVM of its own, sharing policy state in the machine's Redis and handing every message to the
 * machine's RabbitMQ (a queue and a key prefix of this run's own). Sessions from many threads run through HAProxy;
 * one instance is SIGKILLed mid-load. Every 250 a client saw must have its message in the queue (at least once),
 * and the surviving instance must go on accepting mail.
 */
class HaproxyClusterTest {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final String BROKER = "amqp://guest:guest@127.0.0.1:5672/%2f";
    private static final Pattern QUEUED = Pattern.compile("^250 2\\.0\\.0 OK: queued as ([0-9A-F]+)$");

    @TempDir
    Path dir;

    private final String queue = "pillarbox-cluster-test-" + UUID.randomUUID();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        try (Connection c = broker()) {
            c.createChannel().queueDelete(queue);
        }
    }

    private static Connection broker() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(BROKER);
        return factory.newConnection("pillarbox-cluster-test");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** One instance: a PROXY listener for HAProxy and a direct one the test probes; its own JVM. */
    private Process instance(String name, int lbPort, int directPort) throws IOException {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
                "hostname: " + name + ".example.test",
                "listeners:",
                "  - {name: lb, address: 127.0.0.1, port: " + lbPort + ", proxy-protocol: on}",
                "  - {name: direct, address: 127.0.0.1, port: " + directPort + "}",
                "store: rabbitmq",
                "rabbitmq:",
                "  uri: \"" + BROKER + "\"",
                "  queue: " + queue,
                "state: redis://127.0.0.1:6379/0",
                "state-prefix: \"" + queue + ":\"",
                "log-level: warn",
                ""), StandardCharsets.UTF_8);
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.pillarbox.server.cli.Main", "serve", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    /** Waits until {@code port} greets with 220 {@code host}; through HAProxy that proves the whole chain. */
    private void awaitGreeting(int port, String expected, Process process) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                if (line != null && line.startsWith("220 ") && line.contains(expected)) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (!process.isAlive() || System.nanoTime() > end) {
                throw new AssertionError("port " + port + " never greeted with " + expected + "; logs in " + dir);
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // a bounded wait on the process, not a sleep
        }
    }

    @Test
    void oneInstanceKilledMidLoadEveryAcceptedMessageIsInTheQueueAndTheOtherCarriesOn() throws Exception {
        assertThat(Files.isExecutable(HAPROXY))
                .as(HAPROXY + " is not installed: run bin/test (it installs bin/test-packages)").isTrue();
        int[] lb = {freePort(), freePort()};
        int[] direct = {freePort(), freePort()};
        Process a = instance("a", lb[0], direct[0]);
        Process b = instance("b", lb[1], direct[1]);
        awaitGreeting(direct[0], "a.example.test", a);
        awaitGreeting(direct[1], "b.example.test", b);

        int front = freePort();
        Path haproxyConfig = Files.writeString(dir.resolve("haproxy.cfg"), String.join("\n",
                "global",
                "  maxconn 200",
                "defaults",
                "  mode tcp",
                "  timeout connect 1s",
                "  timeout client 30s",
                "  timeout server 30s",
                "  retries 2",
                "  option redispatch",
                "frontend smtp",
                "  bind 127.0.0.1:" + front,
                "  default_backend pillarbox",
                "backend pillarbox",
                "  balance roundrobin",
                "  server a 127.0.0.1:" + lb[0] + " send-proxy-v2 check check-send-proxy inter 500ms fall 1 rise 2",
                "  server b 127.0.0.1:" + lb[1] + " send-proxy-v2 check check-send-proxy inter 500ms fall 1 rise 2",
                ""), StandardCharsets.US_ASCII);
        Process haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", haproxyConfig.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        processes.add(haproxy);
        awaitGreeting(front, ".example.test", haproxy);

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();
        AtomicInteger afterKill = new AtomicInteger();
        AtomicInteger broken = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean stopping = new AtomicBoolean();
        int sessions = 12;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < sessions; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int s = 0; !stopping.get() && s < 100_000; s++) {
                        try {
                            session(front, thread + "-" + s, 5, accepted, byInstance, killed, afterKill);
                        } catch (IOException e) {
                            broken.incrementAndGet(); // the instance under this session died: reconnect
                        }
                    }
                    return null;
                }));
            }
            awaitAtLeast(accepted::size, 150, Duration.ofSeconds(120));
            a.destroyForcibly(); // SIGKILL: no graceful shutdown, sessions cut mid-transaction
            assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
            killed.set(true);
            awaitAtLeast(afterKill::get, 150, Duration.ofSeconds(120));
            stopping.set(true);
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stopping.set(true);
            pool.shutdownNow();
        }
        assertThat(byInstance.keySet()).containsExactlyInAnyOrder("a.example.test", "b.example.test");
        Set<String> inQueue = ConcurrentHashMap.newKeySet();
        try (Connection c = broker()) {
            Channel channel = c.createChannel();
            GetResponse r;
            while ((r = channel.basicGet(queue, false)) != null) {
                inQueue.add(r.getProps().getMessageId());
                assertThat(r.getProps().getHeaders().get("pillarbox-client-address").toString())
                        .as("the client's address came through PROXY v2").isEqualTo("127.0.0.1");
                channel.basicAck(r.getEnvelope().getDeliveryTag(), false);
            }
        }
        assertThat(inQueue).as("every 250 (%d, %d after the kill; %d sessions cut) has its message",
                accepted.size(), afterKill.get(), broken.get()).containsAll(accepted);
        assertThat(b.isAlive()).isTrue();
    }

    /** One session through HAProxy: {@code messages} transactions, each 250's queue id recorded. */
    private static void session(int port, String tag, int messages, Set<String> accepted,
            Map<String, AtomicInteger> byInstance, AtomicBoolean killed, AtomicInteger afterKill) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            String greeting = reply(in);
            if (!greeting.startsWith("220 ")) {
                throw new IOException("greeting " + greeting);
            }
            String instance = greeting.substring(4, greeting.indexOf(' ', 4));
            command(out, in, "EHLO client.example", "250");
            for (int i = 0; i < messages; i++) {
                command(out, in, "MAIL FROM:<sender@example.org>", "250");
                command(out, in, "RCPT TO:<rcpt@example.net>", "250");
                command(out, in, "DATA", "354");
                out.write(("Subject: " + tag + "-" + i + "\r\n\r\nload\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = reply(in);
                Matcher m = QUEUED.matcher(reply);
                if (m.matches()) {
                    accepted.add(m.group(1));
                    byInstance.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
                    if (killed.get()) {
                        afterKill.incrementAndGet();
                    }
                } else if (!reply.startsWith("451 ")) {
                    throw new AssertionError("unexpected reply to the message: " + reply);
                }
            }
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String expected)
            throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String reply = reply(in);
        if (!reply.startsWith(expected)) {
            throw new IOException(line + " answered " + reply);
        }
    }

    /** The last line of a (multi-line) reply; a closed connection is an IOException. */
    private static String reply(BufferedReader in) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    private static void awaitAtLeast(java.util.function.IntSupplier value, int target, Duration limit)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (value.getAsInt() < target) {
            assertThat(System.nanoTime()).as("waited %s for %d (at %d)", limit, target, value.getAsInt())
                    .isLessThan(end);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
