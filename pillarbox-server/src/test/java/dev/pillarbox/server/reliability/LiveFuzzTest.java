package dev.pillarbox.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.server.PipeliningPolicy;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The codec fuzz test against a live server: connections send random bytes, mixed with real command fragments so
 * that sessions reach MAIL, RCPT, DATA and BDAT, in random slices over the socket, then half-close. The server must
 * never die, never answer {@code 421 4.3.0} (an internal error), close every session, and keep serving a
 * well-formed client throughout. Bounded by connections and by time:
 * {@code -Dpillarbox.reliability.fuzzConnections=1000 -Dpillarbox.reliability.fuzzSeconds=10}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LiveFuzzTest {

    private static final String[] FRAGMENTS = {"EHLO fuzz.example\r\n", "HELO fuzz.example\r\n",
        "MAIL FROM:<a@fuzz.example>\r\n", "MAIL FROM:<a@fuzz.example> SIZE=99999999999 BODY=8BITMIME\r\n",
        "RCPT TO:<b@fuzz.example>\r\n", "RCPT TO:<\u00e9@fuzz.example>\r\n", "DATA\r\n", "BDAT 10\r\n",
        "BDAT 5 LAST\r\n", "BDAT 99999999999999999999\r\n", "RSET\r\n", "NOOP\r\n", "VRFY x\r\n", "HELP\r\n",
        "STARTTLS\r\n", "AUTH PLAIN\r\n", "AUTH LOGIN dXNlcg==\r\n", "*\r\n", ".\r\n", "\r\n.\r\n", "\r\n", "\r",
        "\n", "\0", ".", "..", "\n.\n", "\r.\r", ":", "<", ">", "=", " ", "\t", "QUIT\r\n"};

    @Test
    void randomBytesInRandomSlicesNeverKillTheServer() throws Exception {
        int maxConnections = Integer.getInteger("pillarbox.reliability.fuzzConnections", 1000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("pillarbox.reliability.fuzzSeconds", 10));
        long seed = new Random().nextLong();
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicInteger connections = new AtomicInteger();
        AtomicInteger wellFormed = new AtomicInteger();
        AtomicInteger fuzzed = new AtomicInteger();
        AtomicInteger reachedBody = new AtomicInteger();
        try (SmtpTestServer server = SmtpTestServer.builder()
                // improper pipelining only logged, and a high error budget: garbage reaches MAIL, RCPT, DATA, BDAT
                .settings(s -> s.idleTimeout(Duration.ofSeconds(2)).connectionLimits(100, 100)
                        .pipelining(PipeliningPolicy.LOG_ONLY).hardErrorLimit(200)).start()) {
            ExecutorService fuzzers = Executors.newFixedThreadPool(4);
            try {
                for (int t = 0; t < 4; t++) {
                    Random random = new Random(seed + t);
                    fuzzers.execute(() -> {
                        int n;
                        while ((n = connections.incrementAndGet()) <= maxConnections && System.nanoTime() < deadline) {
                            String problem = fuzzOne(server, random, reachedBody);
                            fuzzed.incrementAndGet();
                            if (problem != null) {
                                problems.add("connection " + n + " (seed " + seed + "): " + problem);
                            }
                            if (n % 25 == 0) {
                                String reply = wellFormedTransaction(server);
                                if (reply.startsWith("250 2.0.0 OK")) {
                                    wellFormed.incrementAndGet();
                                } else {
                                    problems.add("well-formed client after " + n + ": " + reply);
                                }
                            }
                        }
                    });
                }
            } finally {
                fuzzers.shutdown();
                assertThat(fuzzers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
            System.out.printf("LiveFuzzTest: %d fuzz connections (%d reached a DATA body), %d well-formed"
                    + " transactions in between (seed %d)%n", fuzzed.get(), reachedBody.get(), wellFormed.get(), seed);
            assertThat(problems).isEmpty();
            assertThat(wellFormedTransaction(server)).startsWith("250 2.0.0 OK");
            assertThat(Probes.await(() -> server.server().openConnections() == 0, Duration.ofSeconds(10)))
                    .as("every fuzzed session closed").isTrue();
        }
    }

    /** One hostile connection; null if the server behaved, else what went wrong. */
    private static String fuzzOne(SmtpTestServer server, Random random, AtomicInteger reachedBody) {
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 5000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            byte[] garbage = garbage(random);
            OutputStream out = socket.getOutputStream();
            try {
                for (int at = 0; at < garbage.length; ) {
                    int slice = Math.min(garbage.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 300));
                    out.write(garbage, at, slice);
                    out.flush();
                    at += slice;
                }
                socket.shutdownOutput();
            } catch (IOException e) {
                return null; // the server closed first (QUIT, too many errors, improper pipelining): fine
            }
            String replies = readAll(socket.getInputStream());
            if (replies == null) {
                return "the server did not close the session within 10 s after the client's end of input";
            }
            if (replies.contains("\r\n354 ")) {
                reachedBody.incrementAndGet();
            }
            if (replies.contains("421 4.3.0")) {
                return "internal error: " + replies;
            }
            return null;
        } catch (IOException e) {
            return e.toString().contains("Connection reset") ? null : "connect failed: " + e;
        }
    }

    /** Everything the server sends until it closes; null if it does not close in time. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return all.toString(StandardCharsets.ISO_8859_1); // reset after the server closed: what came is enough
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] garbage(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(3) == 0) { // a valid start now and then, so that the garbage lands in a body
            out.writeBytes("EHLO fuzz.example\r\nMAIL FROM:<a@fuzz.example>\r\nRCPT TO:<b@fuzz.example>\r\nDATA\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        }
        int pieces = 1 + random.nextInt(60);
        for (int i = 0; i < pieces; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                out.writeBytes(FRAGMENTS[random.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8));
            } else if (kind < 9) {
                byte[] bytes = new byte[1 + random.nextInt(64)];
                random.nextBytes(bytes);
                out.writeBytes(bytes);
            } else {
                out.writeBytes("A".repeat(400 + random.nextInt(1200)).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    private static String wellFormedTransaction(SmtpTestServer server) {
        try (RawClient client = RawClient.connect(server.address(), Duration.ofSeconds(10))) {
            RawClient.expect(client.readReply(), "220 ");
            return client.transaction("ok@example.org", "ok@example.net",
                    "Subject: between the fuzz\r\n\r\nfine\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
