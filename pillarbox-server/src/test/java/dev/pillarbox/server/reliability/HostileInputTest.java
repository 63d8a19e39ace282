package dev.pillarbox.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.pillarbox.server.maildir.DiscardStore;
import dev.pillarbox.smtp.codec.CodecLimits;
import dev.pillarbox.smtp.codec.LineEndingPolicy;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.server.PipeliningPolicy;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile clients against a live server: each attack gets its exact reply, memory stays flat where the input is
 * huge, and afterwards a second client still completes a transaction on the same server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest {

    private static final String QUEUED = "250 2.0.0 OK: queued as ";

    /** A well-behaved client finishes a whole transaction: the attack did not take the server down. */
    private static void secondClientCompletesTransaction(SmtpTestServer server) {
        try (SmtpTestClient client = server.inTransaction()) {
            assertThat(client.data("Subject: after the attack\r\n\r\nstill here\r\n").toString()).startsWith("250 2.0.0");
        }
    }

    @Test
    void slowLorisCommandIsCutOffWhenTheWholeLineTakesLongerThanTheIdleTimeout() throws IOException {
        // one byte every 200 ms keeps every single read under the 1 s idle timeout; only a deadline for the
        // whole command line (RFC 5321 4.5.3.2.7: the server waits at most that long for the next command) ends it
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.idleTimeout(Duration.ofSeconds(1)))
                .start(); Socket socket = new Socket()) {
            socket.connect(server.address(), 5000);
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            socket.setSoTimeout(5000);
            assertThat(readLine(in)).startsWith("220 ");
            byte[] line = "HELO slow-loris.attacker.example.org".getBytes(StandardCharsets.US_ASCII);
            socket.setSoTimeout(200); // the pace of the drip, and the wait for the server's answer
            long start = System.nanoTime();
            String reply = null;
            for (int i = 0; i < line.length && reply == null; i++) {
                out.write(line[i]);
                out.flush();
                try {
                    reply = readLine(in);
                } catch (SocketTimeoutException e) {
                    reply = null; // nothing yet: drip the next byte
                }
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(reply).as("reply while dripping %s bytes", line.length)
                    .isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertThat(elapsedMs).as("cut off after the 1 s idle timeout, not after the line").isBetween(500L, 4000L);
            socket.setSoTimeout(5000);
            assertThat(in.read()).as("closed after 421").isEqualTo(-1);
            secondClientCompletesTransaction(server);
        }
    }

    @Test
    void lineOfMegabytesWithoutLineEndIsAnswered500AndNotBuffered() {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.greeted()) {
            long before = Probes.usedHeapAfterGc();
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'A');
            for (int i = 0; i < 64; i++) { // 4 MiB, no CRLF
                client.sendRaw(chunk);
            }
            assertThat(client.readReply().toString()).isEqualTo("500 5.5.2 Line too long");
            long retained = Probes.usedHeapAfterGc() - before;
            System.out.printf("HostileInputTest: heap retained with a 4 MiB line open: %d KiB%n", retained / 1024);
            assertThat(retained).as("heap retained while the 4 MiB line is still open").isLessThan(1024 * 1024);
            client.sendRaw("\r\n"); // ends the discarded line without a second reply
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            secondClientCompletesTransaction(server);
        }
    }

    static List<Arguments> garbageCommands() {
        return List.of(
                Arguments.of("NUL inside a verb", bytes("NO\0OP\r\n"), "500 5.5.2 Syntax error, invalid characters in command line"),
                Arguments.of("NUL only", bytes("\0\0\0\0\r\n"), "500 5.5.2 Syntax error, invalid characters in command line"),
                Arguments.of("NUL in an argument", bytes("MAIL FROM:<a\0@b.example>\r\n"), "500 5.5.2 Syntax error, invalid characters in command line"),
                Arguments.of("invalid UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, '\r', '\n'}, "500 5.5.2 Syntax error, invalid characters in command line"),
                Arguments.of("control characters", bytes("\u0001\u0002\u0003\u001b[2J\r\n"), "500 5.5.2 Syntax error, invalid characters in command line"),
                Arguments.of("bare LF inside", bytes("NOOP\nNOOP\r\n"), "500 5.5.2 Syntax error, bare CR or LF in command line"),
                Arguments.of("bare CR inside", bytes("NO\rOP\r\n"), "500 5.5.2 Syntax error, bare CR or LF in command line"),
                Arguments.of("TLS ClientHello instead of SMTP", new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, '\r', '\n'}, "500 5.5.2 Syntax error, invalid characters in command line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbageCommands")
    void binaryGarbageInCommandsIsAnswered500AndTheSessionGoesOn(String what, byte[] garbage, String expected) {
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.afterEhlo()) {
            client.sendRaw(garbage);
            assertThat(client.readReply().toString()).isEqualTo(expected);
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            secondClientCompletesTransaction(server);
        }
    }

    @Test
    void tenThousandPipelinedCommandsInOneWriteAreAnsweredInOrderWithBoundedMemory() throws Exception {
        int count = 10_000;
        StringBuilder batch = new StringBuilder(count * 8);
        for (int i = 0; i < count; i++) {
            // a MAIL/RSET pair every 1000 commands makes the order of the replies visible
            batch.append(i % 1000 == 0 ? "MAIL FROM:<s@example.org>\r\n" : i % 1000 == 1 ? "RSET\r\n" : "NOOP\r\n");
        }
        byte[] wire = batch.toString().getBytes(StandardCharsets.US_ASCII);
        // this measures pipelining, so the junk command limit (100 NOOPs, then errors) is off
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.junkCommandLimit(0)).start();
             SmtpTestClient client = server.afterEhlo()) {
            long before = Probes.usedHeapAfterGc();
            long halfWay = -1;
            // written from another thread: the replies (140 KB) come back while the commands still go out
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> client.sendRaw(wire));
            for (int i = 0; i < count; i++) {
                if (i == count / 2) {
                    // the server is mid-batch (and stalls while we do not read): it must hold neither the waiting
                    // commands nor their replies, only its fixed command and reply buffers
                    halfWay = Probes.usedHeapAfterGc() - before;
                }
                String expected = i % 1000 == 0 ? "250 2.1.0 Sender OK" : "250 2.0.0 OK";
                String reply = client.readReply().toString();
                if (!reply.equals(expected)) {
                    assertThat(reply).as("reply %s", i).isEqualTo(expected);
                }
            }
            writer.get(10, TimeUnit.SECONDS);
            System.out.printf("HostileInputTest: heap retained half-way through 10,000 pipelined commands: %d KiB%n",
                    halfWay / 1024);
            // measured 8-16 KiB; an object kept per waiting command or reply would be several hundred KiB
            assertThat(halfWay).as("heap retained half-way through the batch").isLessThan(256 * 1024);
            assertThat(client.command("QUIT").toString()).isEqualTo("221 2.0.0 Bye");
            secondClientCompletesTransaction(server);
        }
    }

    @Test
    void twoHundredMegabyteBodyAgainstTenMegabyteLimitIsDrainedWithFlatMemoryThen552() throws Exception {
        long total = 200L * 1024 * 1024;
        DiscardStore store = new DiscardStore();
        // an oversize drain past the whole body: all of it is read and dropped, in flat memory (OversizeDrainTest has
        // the default, which stops reading 10 MiB past the limit)
        try (SmtpTestServer server = SmtpTestServer.builder().store(store)
                .settings(s -> s.maxMessageSize(10L * 1024 * 1024).oversizeDrain(total)).start();
             SmtpTestClient client = server.inTransaction()) {
            long before = Probes.usedHeapAfterGc();
            assertThat(client.command("DATA").toString()).startsWith("354 ");
            AtomicLong midStream = new AtomicLong(-1);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                byte[] line = ("0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012345\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] chunk = new byte[line.length * 800]; // 64,000 bytes of whole lines, reused: a generator
                for (int i = 0; i < 800; i++) {
                    System.arraycopy(line, 0, chunk, i * line.length, line.length);
                }
                long sent = 0;
                while (sent < total) {
                    client.sendRaw(chunk);
                    sent += chunk.length;
                    if (midStream.get() < 0 && sent >= total / 2) {
                        midStream.set(Probes.usedHeapAfterGc()); // half-way, 100 MB past the limit
                    }
                }
                client.sendRaw(".\r\n");
            });
            client.timeout(Duration.ofSeconds(50));
            long start = System.nanoTime();
            assertThat(client.readReply().toString())
                    .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
            writer.get(5, TimeUnit.SECONDS);
            System.out.printf("HostileInputTest: 200 MiB body drained in %d ms; heap growth half-way %d KiB%n",
                    (System.nanoTime() - start) / 1_000_000, (midStream.get() - before) / 1024);
            assertThat(midStream.get() - before).as("heap growth half-way through 200 MB").isLessThan(8L * 1024 * 1024);
            assertThat(Probes.usedHeapAfterGc() - before).as("heap growth after the body").isLessThan(4L * 1024 * 1024);
            assertThat(store.messages()).isZero();
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void thousandRecipientsGet452BeyondTheLimitAndTheFirstHundredGetTheMessage() throws Exception {
        int count = 1000;
        StringBuilder rcpts = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rcpts.append("RCPT TO:<r").append(i).append("@example.net>\r\n");
        }
        try (SmtpTestServer server = SmtpTestServer.start(); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("MAIL FROM:<s@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> client.sendRaw(rcpts.toString()));
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                replies.add(client.readReply().toString());
            }
            writer.get(10, TimeUnit.SECONDS);
            assertThat(replies.subList(0, 100)).containsOnly("250 2.1.5 Recipient OK");
            assertThat(replies.subList(100, count)).containsOnly("452 4.5.3 Too many recipients");
            assertThat(client.data("Subject: many\r\n\r\nhi\r\n").toString()).startsWith(QUEUED);
            List<StoredMessage> stored = server.store().messages();
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).envelope().recipients()).hasSize(100);
        }
    }

    /** The end-of-data look-alikes of SMTP smuggling (SEC Consult, 2023; Postfix, Sendmail, Exim advisories). */
    enum Smuggle {
        LF_DOT_LF("\n.\n", true),
        LF_DOT_CRLF("\n.\r\n", true),
        CR_DOT_CR("\r.\r", true),
        CR_DOT_CRLF("\r.\r\n", true),
        CRLF_DOT_LF("\r\n.\n", true),
        CRLF_DOT_CR("\r\n.\r", true),
        CRLF_NUL_DOT_CRLF("\r\n\0.\r\n", false),
        CRLF_DOT_NUL_CRLF("\r\n.\0\r\n", false);

        final String ending;
        final boolean bareLineEnding;

        Smuggle(String ending, boolean bareLineEnding) {
            this.ending = ending;
            this.bareLineEnding = bareLineEnding;
        }
    }

    static List<Arguments> smuggling() {
        List<Arguments> cases = new ArrayList<>();
        for (Smuggle smuggle : Smuggle.values()) {
            for (LineEndingPolicy policy : LineEndingPolicy.values()) {
                cases.add(Arguments.of(smuggle, policy));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("smuggling")
    void smuggledMailFromAfterFakeEndOfDataNeverBecomesASecondMessage(Smuggle smuggle, LineEndingPolicy policy) {
        String smuggled = "MAIL FROM:<evil@attacker.example>\r\nRCPT TO:<victim@example.net>\r\nDATA\r\n"
                + "From: ceo@example.net\r\nSubject: smuggled\r\n\r\nwire the money\r\n";
        String body = "Subject: innocent\r\n\r\nhello" + smuggle.ending + smuggled;
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.codecLimits(CodecLimits.defaults().withLineEndings(policy))).start();
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command("DATA").toString()).startsWith("354 ");
            client.sendRaw(body.getBytes(StandardCharsets.UTF_8));
            client.sendRaw("\r\n.\r\n");
            String reply = client.readReply().toString();
            // the next reply belongs to this NOOP: no reply was produced for the smuggled commands
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            List<StoredMessage> stored = server.store().messages();
            if (smuggle.bareLineEnding && policy == LineEndingPolicy.STRICT) {
                assertThat(reply).isEqualTo("554 5.6.0 Message contains bare CR or LF, which is not allowed");
                assertThat(stored).isEmpty();
            } else {
                assertThat(reply).isEqualTo(QUEUED + "m1");
                assertThat(stored).hasSize(1);
                assertThat(stored.get(0).envelope().reversePath().map(Object::toString)).hasValue("<sender@example.org>");
                // the smuggled text is only data; a dot after CRLF is unstuffed (RFC 5321 4.5.2), after a bare LF not
                assertThat(stored.get(0).body()).isEqualTo(body.replace("\r\n.", "\r\n") + "\r\n");
            }
        }
    }

    @Test
    void clientTalkingBeforeTheGreetingIsRejected554ByDefault() throws Exception {
        CountDownLatch sent = new CountDownLatch(1);
        ConnectHook holdGreeting = new ConnectHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onConnect(SessionView session) {
                try {
                    sent.await(5, TimeUnit.SECONDS); // the client's bytes are in before the server decides
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return HookResult.next();
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), ConnectHook.class).toInstance(holdGreeting);
            }
        }); SmtpTestClient client = server.connect()) {
            client.send("EHLO early.bot.example");
            sent.countDown();
            assertThat(client.readReply().toString()).isEqualTo("554 5.5.0 Improper use of SMTP command pipelining");
            assertThat(client.awaitClose()).isTrue();
            secondClientCompletesTransaction(server);
        }
    }

    @Test
    void clientTalkingDuringTheGreetPauseIsRejected554() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.greetPause(Duration.ofMillis(500))).start();
             SmtpTestClient client = server.connect()) {
            client.send("EHLO early.bot.example");
            assertThat(client.readReply().toString()).isEqualTo("554 5.5.0 Improper use of SMTP command pipelining");
            assertThat(client.awaitClose()).isTrue();
            secondClientCompletesTransaction(server);
        }
    }

    @Test
    void clientTalkingBeforeTheGreetingIsServedUnderLogOnly() {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.greetPause(Duration.ofMillis(500)).pipelining(PipeliningPolicy.LOG_ONLY))
                .start(); SmtpTestClient client = server.connect()) {
            client.send("HELO early.bot.example");
            assertThat(client.readReply().toString()).isEqualTo("220 mx.test.example ESMTP Pillarbox");
            assertThat(client.readReply().toString()).startsWith("250 mx.test.example");
        }
    }

    @ParameterizedTest
    @EnumSource(LineEndingPolicy.class)
    void nulBytesInsideABodyAreStoredAsData(LineEndingPolicy policy) {
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.codecLimits(CodecLimits.defaults().withLineEndings(policy))).start();
             SmtpTestClient client = server.inTransaction()) {
            Reply reply = client.data("Subject: nul\r\n\r\na\0b\r\n");
            assertThat(reply.toString()).isEqualTo(QUEUED + "m1");
            assertThat(server.store().messages().get(0).body()).isEqualTo("Subject: nul\r\n\r\na\0b\r\n");
        }
    }

    /** Idle timeout 1 s and a minimum body data rate of 100 bytes/s; CHUNKING on (plugin discovery). */
    private static SmtpTestServer slowBodyServer(int minDataRate) {
        return SmtpTestServer.builder().settings(s -> s.discoverPlugins(true)
                .idleTimeout(Duration.ofSeconds(1)).minDataRate(minDataRate)).start();
    }

    /** A raw socket after EHLO, MAIL and RCPT, for dripping bytes at the server. */
    private static Socket rawInTransaction(SmtpTestServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server.address(), 5000);
        return inTransaction(socket);
    }

    /** Greeting, EHLO, MAIL and RCPT on a connected socket. */
    private static Socket inTransaction(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        assertThat(readLine(in)).startsWith("220 ");
        socket.getOutputStream().write(bytes("EHLO drip.example\r\n"));
        String line;
        do {
            line = readLine(in);
        } while (line.startsWith("250-"));
        assertThat(line).startsWith("250 ");
        socket.getOutputStream().write(bytes("MAIL FROM:<drip@example.org>\r\n"));
        assertThat(readLine(in)).startsWith("250 ");
        socket.getOutputStream().write(bytes("RCPT TO:<rcpt@example.net>\r\n"));
        assertThat(readLine(in)).startsWith("250 ");
        return socket;
    }

    /**
     * Writes {@code bytes} one at a time, waiting up to 200 ms for a reply after each (the pace of the drip), and
     * returns the first reply line, or null if all bytes went out without one.
     */
    private static String dripUntilReply(Socket socket, byte[] bytes) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        socket.setSoTimeout(200);
        try {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                try {
                    return readLine(in);
                } catch (SocketTimeoutException e) {
                    // nothing yet: drip the next byte
                }
            }
            return null;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    /** The next reply line within {@code millis}, or null. */
    private static String awaitLine(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return readLine(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    @Test
    void dataBodyTrickledByteByByteIsCutOffByTheMinimumDataRate() throws IOException {
        // 5 bytes/s against 100 bytes/s: every single read comes well within the 1 s idle timeout, so only the body's
        // deadline (1 s, plus 10 ms per byte received) ends it
        try (SmtpTestServer server = slowBodyServer(100); Socket socket = rawInTransaction(server)) {
            socket.getOutputStream().write(bytes("DATA\r\n"));
            assertThat(readLine(socket.getInputStream())).startsWith("354 ");
            byte[] body = bytes("Subject: drip\r\n\r\n" + "x".repeat(100)); // 23 s at this pace, if never cut off
            long start = System.nanoTime();
            String reply = dripUntilReply(socket, body);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(reply).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertThat(elapsedMs).as("cut off within a few seconds, not after the body").isLessThan(10_000L);
            assertThat(socket.getInputStream().read()).as("closed after 421").isEqualTo(-1);
            assertThat(server.store().messages()).as("nothing of the trickled message is stored").isEmpty();
            secondClientCompletesTransaction(server);
        }
    }

    @Test
    void bdatChunkTrickledByteByByteIsCutOffByTheMinimumDataRate() throws IOException {
        try (SmtpTestServer server = slowBodyServer(100); Socket socket = rawInTransaction(server)) {
            socket.getOutputStream().write(bytes("BDAT 100 LAST\r\n"));
            String reply = dripUntilReply(socket, bytes("x".repeat(100)));
            assertThat(reply).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertThat(socket.getInputStream().read()).as("closed after 421").isEqualTo(-1);
            assertThat(server.store().messages()).isEmpty();
            secondClientCompletesTransaction(server);
        }
    }

    @Test
    void bodyTrickledOverTlsIsCutOffByTheMinimumDataRate() throws IOException {
        // over TLS the body's deadline is enforced like on a plain socket: the TCP socket's input is shut down
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.idleTimeout(Duration.ofSeconds(1)).minDataRate(100)
                        .listeners(List.of(ListenerSettings.loopback().withImplicitTls(true))))
                .modules(new StartTlsModule(TlsSettings.context(TestPki.get().serverContext()))).start();
             Socket socket = TestPki.get().clientContext().getSocketFactory().createSocket()) {
            socket.connect(server.address(), 5000);
            inTransaction(socket);
            socket.getOutputStream().write(bytes("DATA\r\n"));
            assertThat(readLine(socket.getInputStream())).startsWith("354 ");
            long start = System.nanoTime();
            String reply = dripUntilReply(socket, bytes("x".repeat(100))); // one TLS record per byte
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(reply).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertThat(elapsedMs).as("cut off within a few seconds, not after the body").isLessThan(10_000L);
            assertThat(server.store().messages()).isEmpty();
        }
    }

    @Test
    void fastStartDoesNotBuyASilenceLongerThanTheIdleTimeout() {
        // 10 KB at once earns 100 s at 100 bytes/s, but the deadline never runs more than the idle timeout ahead
        // (Postfix's rule for smtpd_min_data_rate): the silence after it ends with 421 after about 1 s
        try (SmtpTestServer server = slowBodyServer(100); SmtpTestClient client = server.inTransaction()) {
            client.send("DATA").expect(354);
            client.sendRaw("Subject: burst\r\n\r\n" + ("b".repeat(98) + "\r\n").repeat(100));
            assertThat(client.readReply().toString()).as("within the client's 5 s read timeout")
                    .isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertThat(client.awaitClose()).isTrue();
            assertThat(server.store().messages()).isEmpty();
        }
    }

    @Test
    void manyTinyBdatChunksShareOneBodyDeadline() throws IOException {
        // a chunk that arrives with its BDAT command needs no body read; the deadline spans the message's chunks
        // and the commands between them, so one byte per chunk every 200 ms is cut off like a trickled body
        try (SmtpTestServer server = slowBodyServer(100); Socket socket = rawInTransaction(server)) {
            String reply = null;
            for (int i = 0; i < 50 && reply == null; i++) { // 10 s at this pace, if never cut off
                socket.getOutputStream().write(bytes("BDAT 1\r\nx"));
                String line = readLine(socket.getInputStream());
                if (line.startsWith("421 ")) {
                    reply = line;
                } else {
                    assertThat(line).isEqualTo("250 2.0.0 1 octets received");
                    reply = awaitLine(socket, 200); // the pace of the chunks, and the wait for a 421
                }
            }
            assertThat(reply).isEqualTo("421 4.4.2 Timeout exceeded, closing connection");
            assertThat(server.store().messages()).isEmpty();
            secondClientCompletesTransaction(server);
        }
    }

    @Test
    void dataBodyFasterThanTheMinimumDataRateMayTakeLongerThanTheIdleTimeout() throws InterruptedException {
        // 200 bytes every 300 ms (about 670 bytes/s against 100 bytes/s) for 2.4 s in all, past the 1 s idle timeout
        try (SmtpTestServer server = slowBodyServer(100); SmtpTestClient client = server.inTransaction()) {
            client.send("DATA").expect(354);
            StringBuilder sent = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                String line = String.format("%03d", i) + "y".repeat(195) + "\r\n";
                client.sendRaw(line);
                sent.append(line);
                Thread.sleep(300); // the client's pace, not an assertion
            }
            client.sendRaw(".\r\n");
            assertThat(client.readReply().toString()).startsWith(QUEUED);
            assertThat(server.store().messages().get(0).body()).isEqualTo(sent.toString());
        }
    }

    @Test
    void bdatChunksFasterThanTheMinimumDataRateMayTakeLongerThanTheIdleTimeout() throws InterruptedException {
        try (SmtpTestServer server = slowBodyServer(100); SmtpTestClient client = server.inTransaction()) {
            StringBuilder sent = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                String chunk = String.format("%03d", i) + "z".repeat(195) + "\r\n";
                assertThat(client.sendRaw("BDAT 200\r\n" + chunk).readReply().toString())
                        .isEqualTo("250 2.0.0 200 octets received");
                sent.append(chunk);
                Thread.sleep(300); // the client's pace, not an assertion
            }
            assertThat(client.command("BDAT 0 LAST").toString()).startsWith(QUEUED);
            assertThat(server.store().messages().get(0).body()).isEqualTo(sent.toString());
        }
    }

    @Test
    void minimumDataRateZeroGivesEveryBodyReadTheIdleTimeout() throws IOException {
        // 0 switches the rate off: the same 5 bytes/s drip that is cut off above now only has to keep each read
        // within the idle timeout, and a 2.4 s body against a 1 s idle timeout completes
        try (SmtpTestServer server = slowBodyServer(0); Socket socket = rawInTransaction(server)) {
            socket.getOutputStream().write(bytes("DATA\r\n"));
            assertThat(readLine(socket.getInputStream())).startsWith("354 ");
            assertThat(dripUntilReply(socket, bytes("Subject: slow\r\n"))).as("no reply while dripping").isNull();
            socket.getOutputStream().write(bytes("\r\nok\r\n.\r\n"));
            assertThat(readLine(socket.getInputStream())).startsWith(QUEUED);
            assertThat(server.store().messages().get(0).body()).isEqualTo("Subject: slow\r\n\r\nok\r\n");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads one CRLF-terminated line (without it) from {@code in}, byte by byte. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new UncheckedIOException(new IOException("closed after \"" + line + "\""));
            }
            if (b == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                return line.substring(0, end);
            }
            line.append((char) b);
        }
    }
}
