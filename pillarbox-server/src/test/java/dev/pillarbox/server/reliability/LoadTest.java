package dev.pillarbox.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.server.maildir.DiscardStore;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load on loopback: thousands of sessions open at once, each completing a transaction, with no thread or heap
 * growth once they close (Java 21+, virtual threads on both sides); the connection limit refusing the excess with
 * {@code 421 4.7.0} instead of failing (every Java, and on 17 the size of the platform-thread pool); and the cost
 * of an idle connection. Counts are system properties, so that a bigger machine can run a bigger test:
 * {@code -Dpillarbox.reliability.connections=2000 -Dpillarbox.reliability.idleConnections=1000}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoadTest {

    private static final byte[] BODY = onTheWire("Subject: load\r\n\r\n" + "load test line\r\n".repeat(20));

    @Test
    void twoThousandConcurrentSessionsCompleteWithoutThreadOrHeapGrowth() throws Exception {
        Assumptions.assumeTrue(Probes.virtualThreadsAvailable(),
                "Java 17 has no virtual threads: there the connection limit is the platform pool (next test)");
        int count = fitToFileLimit(Integer.getInteger("pillarbox.reliability.connections", 2000));
        DiscardStore store = new DiscardStore();
        ExecutorService clients = virtualThreadExecutor(); // ExecutorService is AutoCloseable only since Java 19
        try (SmtpTestServer server = SmtpTestServer.builder().store(store)
                .settings(s -> s.connectionLimits(count + 10, count + 10)).start()) {
            runSessions(server, clients, 50, new CountDownLatch(0)); // warm-up: classes, JIT, carrier threads
            assertThat(Probes.await(() -> server.server().openConnections() == 0, Duration.ofSeconds(10))).isTrue();
            int threadsBefore = Probes.liveThreads();
            long heapBefore = Probes.usedHeapAfterGc();

            CountDownLatch allOpen = new CountDownLatch(count);
            long start = System.nanoTime();
            List<String> failures = runSessions(server, clients, count, allOpen);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(failures).as("failed sessions").isEmpty();
            assertThat(store.messages()).isEqualTo(50 + count);

            assertThat(Probes.await(() -> server.server().openConnections() == 0, Duration.ofSeconds(30)))
                    .as("every session closed on the server").isTrue();
            boolean threadsBack = Probes.await(() -> Probes.liveThreads() <= threadsBefore + 4, Duration.ofSeconds(30));
            long heapAfter = Probes.usedHeapAfterGc();
            System.out.printf("LoadTest: %d concurrent sessions on Java %d in %d ms; platform threads %d -> %d;"
                    + " heap after GC %d KiB -> %d KiB%n", count, Runtime.version().feature(), elapsedMs, threadsBefore,
                    Probes.liveThreads(), heapBefore / 1024, heapAfter / 1024);
            assertThat(threadsBack).as("platform threads back to %s (+4)", threadsBefore).isTrue();
            assertThat(heapAfter - heapBefore).as("heap retained after %s sessions", count)
                    .isLessThan(32L * 1024 * 1024);
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * {@code count} sessions at once: each connects and reads its greeting (at most 128 connecting at a time, the
     * listen backlog), waits until all are open, then runs a transaction and QUIT. Returns the failures.
     */
    private static List<String> runSessions(SmtpTestServer server, ExecutorService clients, int count,
            CountDownLatch allOpen) throws InterruptedException {
        List<String> failures = new CopyOnWriteArrayList<>();
        Semaphore connecting = new Semaphore(128);
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger greeted = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            int n = i;
            clients.execute(() -> {
                RawClient client = null;
                try {
                    connecting.acquire();
                    try {
                        client = RawClient.connect(server.address(), Duration.ofSeconds(30));
                        RawClient.expect(client.readReply(), "220 ");
                        greeted.incrementAndGet();
                    } finally {
                        connecting.release();
                    }
                    allOpen.countDown();
                    if (!allOpen.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("not all sessions opened: " + greeted.get());
                    }
                    RawClient.expect(client.transaction("s" + n + "@example.org", "r" + n + "@example.net", BODY),
                            "250 2.0.0 OK");
                } catch (IOException | InterruptedException | RuntimeException e) {
                    failures.add("session " + n + ": " + e);
                } finally {
                    if (client != null) {
                        client.close();
                    }
                    done.countDown();
                }
            });
        }
        assertThat(done.await(90, TimeUnit.SECONDS)).as("all sessions done").isTrue();
        return new ArrayList<>(failures);
    }

    @Test
    void connectionsBeyondTheLimitGet421AndTheRestAreServed() throws Exception {
        int limit = 20; // on Java 17 also the platform-thread pool size
        int extra = 10;
        DiscardStore store = new DiscardStore();
        try (SmtpTestServer server = SmtpTestServer.builder().store(store)
                .settings(s -> s.connectionLimits(limit, limit)).start()) {
            List<RawClient> served = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            try {
                for (int i = 0; i < limit + extra; i++) {
                    RawClient client = RawClient.connect(server.address(), Duration.ofSeconds(10));
                    String greeting = client.readReply();
                    if (greeting.startsWith("220 ")) {
                        served.add(client);
                    } else {
                        refused.add(greeting);
                        assertThat(client.awaitClose(Duration.ofSeconds(5))).as("refused connection closed").isTrue();
                        client.close();
                    }
                }
                assertThat(served).hasSize(limit);
                assertThat(refused).hasSize(extra).containsOnly("421 4.7.0 Too many connections, try again later");
                for (RawClient client : served) {
                    RawClient.expect(client.transaction("a@example.org", "b@example.net", BODY), "250 2.0.0 OK");
                }
                assertThat(store.messages()).isEqualTo(limit);
            } finally {
                served.forEach(RawClient::close);
            }
            assertThat(Probes.await(() -> server.server().openConnections() == 0, Duration.ofSeconds(10))).isTrue();
            try (RawClient again = RawClient.connect(server.address(), Duration.ofSeconds(10))) {
                assertThat(again.readReply()).startsWith("220 ");
            }
        }
    }

    @Test
    void idleGreetedConnectionsCostLittleMemory() throws Exception {
        int count = fitToFileLimit(Integer.getInteger("pillarbox.reliability.idleConnections", 1000));
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.connectionLimits(count + 10, count + 10)).start()) {
            List<RawClient> clients = new ArrayList<>(count);
            try {
                RawClient warm = RawClient.connect(server.address(), Duration.ofSeconds(10));
                warm.readReply();
                warm.close();
                assertThat(Probes.await(() -> server.server().openConnections() == 0, Duration.ofSeconds(10))).isTrue();
                long heapBefore = Probes.usedHeapAfterGc();
                for (int i = 0; i < count; i++) {
                    RawClient client = RawClient.connect(server.address(), Duration.ofSeconds(10));
                    clients.add(client);
                    RawClient.expect(client.readReply(), "220 ");
                }
                assertThat(server.server().openConnections()).isEqualTo(count);
                long heapPer = (Probes.usedHeapAfterGc() - heapBefore) / count;
                // resident memory is measured on a server process of its own (next test): here the heap resizes
                System.out.printf("LoadTest: %d idle greeted connections on Java %d (%s threads): heap %.1f KiB"
                        + " per connection (server and client side together)%n", count, Runtime.version().feature(),
                        Probes.virtualThreadsAvailable() ? "virtual" : "platform", heapPer / 1024.0);
                // a 16 KiB read buffer and an 8 KiB reply buffer are the bulk; a held line or body would be more
                assertThat(heapPer).as("heap per idle connection").isLessThan(64 * 1024);
            } finally {
                clients.forEach(RawClient::close);
            }
            assertThat(Probes.await(() -> server.server().openConnections() == 0, Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void idleConnectionsCostLittleResidentMemoryInTheReferenceServer(@TempDir Path dir) throws Exception {
        int count = fitToFileLimit(Integer.getInteger("pillarbox.reliability.idleConnections", 1000));
        String limit = Integer.toString(count + 100);
        // a fixed, pre-touched heap: the RSS delta is what connections cost, not the heap growing
        try (ReferenceServerProcess server = ReferenceServerProcess.start(dir.resolve("Maildir"),
                dir.resolve("server.log"), Map.of("PILLARBOX_CONNECTIONS_MAX", limit,
                        "PILLARBOX_CONNECTIONS_MAX_PER_CLIENT", limit),
                List.of("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch"))) {
            List<RawClient> clients = new ArrayList<>(count);
            try {
                for (int round = 0; round < 2; round++) { // warm-up: classes, JIT, thread pools
                    List<RawClient> warm = openGreeted(server.address(), 100);
                    warm.forEach(RawClient::close);
                }
                long rssBefore = server.residentSetBytes();
                clients.addAll(openGreeted(server.address(), count));
                long rssPer = (server.residentSetBytes() - rssBefore) / count;
                System.out.printf("LoadTest: reference server (Java %d, %s threads), %d idle greeted connections:"
                        + " RSS %.1f KiB per connection%n", Runtime.version().feature(),
                        Probes.virtualThreadsAvailable() ? "virtual" : "platform", count, rssPer / 1024.0);
                assertThat(rssPer).as("resident memory per idle connection").isLessThan(256 * 1024);
            } finally {
                clients.forEach(RawClient::close);
            }
        }
    }

    private static List<RawClient> openGreeted(java.net.InetSocketAddress address, int count) throws IOException {
        List<RawClient> clients = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                RawClient client = RawClient.connect(address, Duration.ofSeconds(10));
                clients.add(client);
                RawClient.expect(client.readReply(), "220 ");
            }
            return clients;
        } catch (IOException | RuntimeException e) {
            clients.forEach(RawClient::close);
            throw e;
        }
    }

    /** Each loopback session takes two descriptors in this JVM; keep well under the soft limit. */
    private static int fitToFileLimit(int wanted) throws IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.isReadable(limits)) {
            return wanted;
        }
        for (String line : Files.readAllLines(limits, StandardCharsets.US_ASCII)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                if (!soft.equals("unlimited")) {
                    int fit = (Integer.parseInt(soft) - 500) / 2;
                    if (fit < wanted) {
                        System.out.printf("LoadTest: %d connections instead of %d (open files limit %s)%n", fit,
                                wanted, soft);
                        return Math.max(fit, 10);
                    }
                }
            }
        }
        return wanted;
    }

    /** Executors.newVirtualThreadPerTaskExecutor(), reached reflectively: the tests compile for Java 17. */
    private static ExecutorService virtualThreadExecutor() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    private static byte[] onTheWire(String body) {
        return (body + ".\r\n").getBytes(StandardCharsets.US_ASCII); // no line starts with a dot: nothing to stuff
    }
}
