package dev.pillarbox.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.forward.Spool;
import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.Envelope;
import dev.pillarbox.smtp.client.MessageBody;
import dev.pillarbox.smtp.client.RecipientResult;
import dev.pillarbox.smtp.client.RecipientStatus;
import dev.pillarbox.smtp.client.SendResult;
import dev.pillarbox.smtp.client.SmtpClient;
import dev.pillarbox.smtp.client.Timeouts;
import dev.pillarbox.smtp.testing.SmtpSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the forwarding gateway (issue 20): the reference server runs as a separate JVM with
 * {@code delivery.required: [forward]} and a route to Postfix's {@code smtp-sink} on loopback, which dumps every
 * transaction it takes to a file ({@code -d}). Clients send 2,000 messages (every tenth to two recipients); the
 * server is killed with SIGKILL three times while its queue runner delivers, and restarted on the same spool each
 * time. Once the queue is empty, every recipient of every message the server answered 250 must have reached the
 * next hop at least once: duplicates are allowed (a crash between the next hop's 250 and our bookkeeping) and
 * reported, a loss is not. Bounded: 2,000 messages, each wait bounded, the whole test within {@link Timeout}.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ForwardKillTest {

    private static final int MESSAGES = 2_000;
    private static final int CLIENTS = 4;
    private static final int KILLS = 3;
    private static final String ID_HEADER = "X-Kill-Id: ";
    private static final Pattern DUMP_ID = Pattern.compile("(?m)^X-Kill-Id: (\\S+)$");
    private static final Pattern DUMP_RCPT = Pattern.compile("(?m)^X-Rcpt-Args: <([^>]+)>");

    @TempDir
    Path dir;

    /** Recipients the server acknowledged, per message id (the 250 after the data). */
    private final Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean killing = new AtomicBoolean();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    @Test
    void sigkillDuringDeliveryLosesNoAcknowledgedMessage() throws Exception {
        // smtp-sink drops root for nobody: it must reach and write its dump directory
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path dumps = Files.createDirectory(dir.resolve("dumps"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path spool = dir.resolve("spool");
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        List<String> report = new ArrayList<>();
        try (SmtpSink sink = SmtpSink.start(dir, "-d", dumps + "/%H%M%S.")) {
            Path config = config(spool, sink.port());
            for (int round = 1; round <= KILLS + 1; round++) {
                boolean last = round == KILLS + 1;
                ReferenceServerProcess server = start(config, round);
                int dumpsBefore = countFiles(dumps);
                killing.set(false);
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                AtomicBoolean stop = new AtomicBoolean();
                try {
                    for (int c = 0; c < CLIENTS; c++) {
                        clients.execute(() -> sendUntilStopped(server.address(), stop));
                    }
                    if (!last) {
                        // a different moment each round: after 450-549, 950-1049, 1450-1549 acknowledged messages,
                        // and only once the queue runner has handed messages on in this round (delivery under way)
                        int killAfter = 450 + 500 * (round - 1) + random.nextInt(100);
                        assertThat(Probes.await(() -> acknowledged.size() >= killAfter
                                && countFiles(dumps) > dumpsBefore, Duration.ofSeconds(180)))
                                .as("round %s: %s acknowledged and deliveries under way (seed %s); %s",
                                        round, killAfter, seed, unexpected).isTrue();
                        killing.set(true);
                        int queued = queued(spool);
                        assertThat(server.kill()).as("SIGKILL (128 + 9)").isEqualTo(137);
                        report.add("kill " + round + ": " + acknowledged.size() + " acknowledged, " + queued
                                + " in the queue, " + countFiles(dumps) + " transactions at the next hop");
                    } else {
                        assertThat(Probes.await(() -> next.get() >= MESSAGES, Duration.ofSeconds(180)))
                                .as("all %s messages sent; %s", MESSAGES, unexpected).isTrue();
                    }
                } finally {
                    stop.set(true);
                    clients.shutdown();
                    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                    if (!last) {
                        server.close();
                    }
                }
                if (last) {
                    try {
                        assertThat(Probes.await(() -> queued(spool) == 0, Duration.ofSeconds(240)))
                                .as("the queue empties after the last restart: %s left; server log:%n%s",
                                        queued(spool), tail(dir.resolve("server-" + round + ".log")))
                                .isTrue();
                    } finally {
                        assertThat(server.terminate()).as("SIGTERM").isIn(0, 143);
                    }
                }
                assertThat(unexpected).as("client failures that were not caused by a kill").isEmpty();
            }
            report.add(verify(dumps));
        }
        report.forEach(line -> System.out.println("ForwardKillTest (seed " + seed + "): " + line));
    }

    /**
     * Every acknowledged recipient of every acknowledged message is in a dump at least once; every dump is a
     * complete message that was sent. Returns the summary line.
     */
    private String verify(Path dumps) throws IOException {
        Map<String, Integer> arrivals = new HashMap<>();
        int transactions = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(dumps)) {
            files = list.toList();
        }
        for (Path file : files) {
            String dump = Files.readString(file, StandardCharsets.ISO_8859_1);
            Matcher id = DUMP_ID.matcher(dump);
            assertThat(id.find()).as("%s carries an id", file.getFileName()).isTrue();
            String messageId = id.group(1);
            assertThat(sent).as("%s is a message that was sent", messageId).contains(messageId);
            assertThat(dump).as("%s is complete", messageId).contains("end of " + messageId);
            Matcher rcpt = DUMP_RCPT.matcher(dump);
            while (rcpt.find()) {
                arrivals.merge(messageId + " " + rcpt.group(1), 1, Integer::sum);
            }
            transactions++;
        }
        List<String> lost = new ArrayList<>();
        int expected = 0;
        for (Map.Entry<String, List<String>> e : acknowledged.entrySet()) {
            for (String rcpt : e.getValue()) {
                expected++;
                if (!arrivals.containsKey(e.getKey() + " " + rcpt)) {
                    lost.add(e.getKey() + " to " + rcpt);
                }
            }
        }
        assertThat(lost).as("acknowledged but never delivered to the next hop").isEmpty();
        long duplicates = arrivals.values().stream().filter(n -> n > 1).count();
        return acknowledged.size() + " messages acknowledged (" + expected + " recipients), " + sent.size()
                + " sent, " + transactions + " transactions at the next hop, " + duplicates
                + " recipients delivered more than once, 0 lost";
    }

    /** One client: sends messages (ids from the shared counter) until the round stops or the server dies. */
    private void sendUntilStopped(InetSocketAddress address, AtomicBoolean stop) {
        ClientSettings settings = ClientSettings.builder().timeouts(Timeouts.all(Duration.ofSeconds(30))).build();
        try (SmtpClient client = SmtpClient.connect(address.getHostString(), address.getPort(), settings)) {
            while (!stop.get()) {
                int n = next.getAndIncrement();
                if (n >= MESSAGES) {
                    return;
                }
                String id = "k" + n;
                List<String> recipients = n % 10 == 0 ? List.of("one@example.net", "two@example.net")
                        : List.of("rcpt@example.net");
                sent.add(id); // from here on the server may queue it, even if we never read its 250
                SendResult result = client.send(Envelope.of("sender-" + id + "@example.org",
                        recipients.toArray(String[]::new)), MessageBody.of(body(id, n)));
                List<String> accepted = new ArrayList<>();
                List<RecipientResult> results = result.recipients(); // in the envelope's order
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).status() == RecipientStatus.ACCEPTED) {
                        accepted.add(recipients.get(i));
                    }
                }
                if (result.accepted() && !accepted.isEmpty()) {
                    acknowledged.put(id, accepted);
                } else if (!killing.get()) {
                    unexpected.add(id + ": " + result);
                }
            }
        } catch (IOException | RuntimeException e) {
            // after a kill: connection reset or closed mid-reply (what was acknowledged is checked); before: a bug
            if (!killing.get()) {
                unexpected.add(e.toString());
            }
        }
    }

    private static byte[] body(String id, int n) {
        StringBuilder text = new StringBuilder(ID_HEADER).append(id).append("\r\nMessage-ID: <").append(id)
                .append("@kill.test.example>\r\nSubject: kill test ").append(id).append("\r\n\r\n");
        for (int i = 0; i < 1 + n % 40; i++) {
            text.append("line ").append(i).append(" of a message in the forwarding gateway's kill test\r\n");
        }
        return text.append("end of ").append(id).append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private Path config(Path spool, int sinkPort) throws IOException {
        return Files.writeString(dir.resolve("pillarbox.yaml"), String.join("\n",
                "delivery:",
                "  required: [forward]",
                "plugins:",
                "  forward:",
                "    spool: " + spool,
                "    routes:",
                "      example.net: smtp://127.0.0.1:" + sinkPort,
                // after a restart, deferred recipients are retried within a second, not Postfix's 300 s
                "    retry-schedule: [1s]",
                // one connection to the next hop: it takes mail more slowly than four clients send it, so a queue
                // builds up and each kill finds messages queued, some of them being delivered
                "    destination-concurrency: 1",
                "    timeout: 30s",
                ""));
    }

    private ReferenceServerProcess start(Path config, int round) throws IOException {
        return ReferenceServerProcess.start(dir.resolve("Maildir"), dir.resolve("server-" + round + ".log"),
                Map.of(), List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                List.of("--config", config.toString(), "--log-level", "warn"));
    }

    /** Messages in the queue, read with the spool's own listing (state files), -1 if it cannot be read now. */
    private static int queued(Path spool) {
        try {
            return Spool.open(spool).list().size();
        } catch (IOException e) {
            return -1;
        }
    }

    private static int countFiles(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return (int) list.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
