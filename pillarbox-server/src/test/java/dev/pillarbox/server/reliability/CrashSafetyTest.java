package dev.pillarbox.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.codec.CommandEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the reference server: it runs as a separate JVM ({@code cli.Main serve} on the test's own class
 * path), eight clients send messages concurrently, and the process is killed with SIGKILL after a random number of
 * acknowledged messages. Every message whose client read 250 must then be in {@code new/}, byte-exact; every file
 * in {@code new/} must be one complete message that was sent. Three kills at different moments, then a restart on
 * the same Maildir must deliver again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashSafetyTest {

    private static final int CLIENTS = 8;
    private static final int ROUNDS = 3;
    private static final String ID_HEADER = "X-Reliability-Id: ";

    @TempDir
    Path dir;

    private final Map<String, byte[]> sent = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicBoolean killed = new AtomicBoolean();

    @Test
    void sigkillUnderLoadLosesNoAcknowledgedMessageAndLeavesNoPartialFile() throws Exception {
        Path maildir = dir.resolve("Maildir");
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        List<String> rounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            // a different moment each round: after 5-24, 25-44, then 45-64 acknowledged messages
            int killAfter = 5 + 20 * (round - 1) + random.nextInt(20);
            ReferenceServerProcess server = startServer(maildir, round);
            int acksBefore = acknowledged.size();
            AtomicInteger acks = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            killed.set(false);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                for (int c = 0; c < CLIENTS; c++) {
                    long clientSeed = random.nextLong();
                    String prefix = "r" + round + "c" + c + "m";
                    clients.execute(() -> sendUntilFailure(server.address(), prefix, new Random(clientSeed), acks, stop));
                }
                assertThat(Probes.await(() -> acks.get() >= killAfter, Duration.ofSeconds(60)))
                        .as("round %s: %s acknowledged messages before the kill (seed %s)", round, killAfter, seed)
                        .isTrue();
                killed.set(true); // client failures from now on are the point, not a bug
                // SIGKILL on Linux: no shutdown hook, no flush, no close
                assertThat(server.kill()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
            } finally {
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                server.close();
            }
            assertThat(unexpected).as("client failures before the kill").isEmpty();
            int inNew = verifyMaildir(maildir);
            rounds.add("round " + round + ": killed after " + killAfter + " acks (" + (acknowledged.size() - acksBefore)
                    + " acknowledged in all), " + inNew + " in new/, " + count(maildir.resolve("tmp")) + " left in tmp/");
        }

        // a restart on the same Maildir delivers again; files the crashes left in tmp/ do not get in the way
        int before = count(maildir.resolve("new"));
        ReferenceServerProcess server = startServer(maildir, ROUNDS + 1);
        try (RawClient client = RawClient.connect(server.address(), Duration.ofSeconds(10))) {
            RawClient.expect(client.readReply(), "220 ");
            byte[] body = (ID_HEADER + "after-restart\r\nSubject: restarted\r\n\r\nhello again\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            sent.put("after-restart", body);
            assertThat(client.transaction("a@example.org", "b@example.net", onTheWire(body)))
                    .startsWith("250 2.0.0 OK: queued as ");
            acknowledged.add("after-restart");
        } finally {
            assertThat(server.terminate()).as("SIGTERM: the graceful path this time").isIn(0, 143);
        }
        assertThat(verifyMaildir(maildir)).isEqualTo(before + 1);
        rounds.forEach(line -> System.out.println("CrashSafetyTest (seed " + seed + "): " + line));
    }

    /** One client: connects, then sends messages until the server dies or the round stops. */
    private void sendUntilFailure(InetSocketAddress address, String prefix, Random random, AtomicInteger acks,
            AtomicBoolean stop) {
        try (RawClient client = RawClient.connect(address, Duration.ofSeconds(10))) {
            RawClient.expect(client.readReply(), "220 ");
            RawClient.expect(client.command("EHLO crash.client.example"), "250 ");
            for (int i = 0; i < 2000 && !stop.get(); i++) {
                String id = prefix + i;
                byte[] body = body(id, random);
                RawClient.expect(client.command("MAIL FROM:<" + id + "@example.org>"), "250 ");
                RawClient.expect(client.command("RCPT TO:<rcpt@example.net>"), "250 ");
                RawClient.expect(client.command("DATA"), "354 ");
                sent.put(id, body); // from here on the server may store it, even if we never read its 250
                client.sendRaw(onTheWire(body));
                if (client.readReply().startsWith("250 ")) {
                    acknowledged.add(id);
                    acks.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // after the kill: connection reset, or closed mid-reply (what was acknowledged is checked); before: a bug
            if (!killed.get()) {
                unexpected.add(prefix + ": " + e);
            }
        }
    }

    /** A message with a unique id header and 1 to 120 lines of random length, some starting with a dot. */
    private static byte[] body(String id, Random random) {
        StringBuilder text = new StringBuilder(ID_HEADER).append(id).append("\r\nSubject: crash test ").append(id)
                .append("\r\n\r\n");
        int lines = 1 + random.nextInt(random.nextInt(10) == 0 ? 3000 : 120); // now and then ~100 KB: killed mid-body
        for (int i = 0; i < lines; i++) {
            if (random.nextInt(20) == 0) {
                text.append('.');
            }
            int length = random.nextInt(78);
            for (int j = 0; j < length; j++) {
                text.append((char) ('!' + random.nextInt(94)));
            }
            text.append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The body dot-stuffed with its CRLF.CRLF terminator. */
    private static byte[] onTheWire(byte[] body) {
        CommandEncoder encoder = new CommandEncoder();
        encoder.startBody();
        ByteArrayOutputStream wire = new ByteArrayOutputStream(body.length + 64);
        wire.writeBytes(encoder.body(ByteBuffer.wrap(body)));
        wire.writeBytes(encoder.endBody());
        return wire.toByteArray();
    }

    /**
     * Every file in new/ is exactly one message that was sent (the server's Received: header, then the body
     * byte for byte), no message is there twice, and every acknowledged message is there. Returns the count.
     */
    private int verifyMaildir(Path maildir) throws IOException {
        Set<String> found = new HashSet<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(maildir.resolve("new"))) {
            files = list.toList();
        }
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            assertThat(new String(content, 0, Math.min(9, content.length), StandardCharsets.US_ASCII))
                    .as("%s starts with the trace header", file.getFileName()).isEqualTo("Received:");
            byte[] stored = Arrays.copyOfRange(content, traceHeaderLength(content), content.length);
            String first = new String(stored, 0, Math.min(stored.length, 200), StandardCharsets.US_ASCII);
            assertThat(first).as("%s carries an id", file.getFileName()).startsWith(ID_HEADER);
            String id = first.substring(ID_HEADER.length(), first.indexOf("\r\n"));
            assertThat(sent).as("%s is a message that was sent", id).containsKey(id);
            assertThat(stored).as("%s is complete and byte-exact", id).isEqualTo(sent.get(id));
            assertThat(found.add(id)).as("%s is in new/ once", id).isTrue();
        }
        assertThat(found).as("every message acknowledged with 250 is in new/").containsAll(acknowledged);
        return files.size();
    }

    /** Length of the leading Received: field with its folded continuation lines. */
    private static int traceHeaderLength(byte[] content) {
        for (int i = 0; i + 1 < content.length; i++) {
            if (content[i] == '\r' && content[i + 1] == '\n'
                    && (i + 2 >= content.length || (content[i + 2] != ' ' && content[i + 2] != '\t'))) {
                return i + 2;
            }
        }
        return content.length;
    }

    private ReferenceServerProcess startServer(Path maildir, int round) throws IOException {
        return ReferenceServerProcess.start(maildir, dir.resolve("server-" + round + ".log"), Map.of(),
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    private static int count(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return (int) list.count();
        }
    }
}
