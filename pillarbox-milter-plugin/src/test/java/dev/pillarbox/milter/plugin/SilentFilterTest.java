package dev.pillarbox.milter.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.milter.DefaultAction;
import dev.pillarbox.smtp.milter.FilterConfig;
import dev.pillarbox.smtp.milter.MilterSocket;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A filter that accepts the connection and never answers, and one that is not there: the session gets the default
 * action within the timeout (tempfail: 451 instead of the greeting; accept: the message is stored as if there were
 * no filter), never a stall.
 */
class SilentFilterTest {

    private static final Duration TIMEOUT = Duration.ofMillis(600);

    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private Thread acceptor;

    @BeforeEach
    void listen() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept()); // and never a byte back
                }
            } catch (IOException closed) {
                accepted.forEach(SilentFilterTest::closeQuietly);
            }
        }, "silent-filter");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws Exception {
        silent.close();
        acceptor.join(5000);
        accepted.forEach(SilentFilterTest::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SmtpTestServer server(String socket, DefaultAction action) {
        FilterConfig filter = FilterConfig.builder(socket).defaultAction(action).connectTimeout(TIMEOUT)
                .commandTimeout(TIMEOUT).contentTimeout(TIMEOUT).build();
        return SmtpTestServer.builder().modules(new MilterModule(MilterSettings.of(List.of(filter)))).start();
    }

    private String silentSocket() {
        return "inet:127.0.0.1:" + silent.getLocalPort();
    }

    @Test
    void tempfailByDefaultWithinTheTimeout() {
        try (SmtpTestServer server = server(silentSocket(), DefaultAction.TEMPFAIL);
                SmtpTestClient c = server.connect()) {
            long start = System.nanoTime();
            Reply greeting = c.readReply();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(greeting.toString().strip()).isEqualTo("451 4.7.1 Service unavailable - try again later");
            assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plusSeconds(3));
            assertThat(server.store().messages()).isEmpty();
        }
    }

    @Test
    void acceptGoesOnAsIfThereWereNoFilter() {
        try (SmtpTestServer server = server(silentSocket(), DefaultAction.ACCEPT);
                SmtpTestClient c = server.connect()) {
            long start = System.nanoTime();
            c.expect(220);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(3));
            c.command("EHLO client.example");
            c.command("MAIL FROM:<alice@example.org>");
            c.command("RCPT TO:<bob@example.net>");
            // the filter failed at connect and is left out for the rest of the session: no more waits
            long data = System.nanoTime();
            assertThat(c.data("Subject: hi\r\n\r\nhello\r\n").code().value()).isEqualTo(250);
            assertThat(Duration.ofNanos(System.nanoTime() - data)).isLessThan(TIMEOUT);
            assertThat(server.store().messages()).hasSize(1);
        }
    }

    @Test
    void aFilterThatIsNotThereGetsTheDefaultActionAtOnce() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (SmtpTestServer server = server("inet:127.0.0.1:" + port, DefaultAction.REJECT);
                SmtpTestClient c = server.connect()) {
            assertThat(c.readReply().toString().strip()).isEqualTo("550 5.5.0 Service unavailable");
        }
        assertThat(MilterSocket.parse("inet:127.0.0.1:" + port).toString()).contains(Integer.toString(port));
    }
}
