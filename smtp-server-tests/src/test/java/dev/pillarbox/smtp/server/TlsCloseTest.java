package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import dev.pillarbox.smtp.testing.TlsRecordClient.Received;
import dev.pillarbox.smtp.testing.TlsRecordClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server ends TLS with {@code close_notify} alone (RFC 8446 6.1, RFC 5246 7.2.1), never with a
 * {@code user_canceled} warning before it, which GnuTLS peers such as Exim log as an error for every delivery.
 */
class TlsCloseTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final String EOF = "\u0000end of output";

    @TempDir
    Path dir;

    private static SmtpTestServer server() {
        return SmtpTestServer.builder()
                .settings(s -> s.idleTimeout(Duration.ofSeconds(1))
                        .listeners(List.of(ListenerSettings.loopback().withImplicitTls(true))))
                .modules(new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())))
                .start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void quitIsFollowedByExactlyOneAlertAndItIsCloseNotify(String protocol) throws Exception {
        try (SmtpTestServer server = server();
             TlsRecordClient client = TlsRecordClient.connect(server.address(), TestPki.get().clientContext(),
                     protocol)) {
            assertThat(client.protocol()).isEqualTo(protocol);
            assertThat(client.readData()).startsWith("220 mx.test.example");
            client.send("QUIT");
            assertThat(client.readData()).isEqualTo("221 2.0.0 Bye\r\n");
            List<Received> rest = client.readUntilClosed();
            assertThat(rest).as("records after 221 until the TCP close").hasSize(1);
            assertThat(rest.get(0).closeNotify()).as("the one record is close_notify: %s", rest.get(0)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3"}) // under TLS 1.2 the client's end of input is answered with close_notify
    void idleTimeoutIsFollowedByExactlyOneAlertAndItIsCloseNotify(String protocol) throws Exception {
        try (SmtpTestServer server = server();
             TlsRecordClient client = TlsRecordClient.connect(server.address(), TestPki.get().clientContext(),
                     protocol)) {
            assertThat(client.readData()).startsWith("220 mx.test.example");
            assertThat(client.readData()).isEqualTo("421 4.4.2 Timeout exceeded, closing connection\r\n");
            List<Received> rest = client.readUntilClosed();
            assertThat(rest).as("records after 421 until the TCP close").hasSize(1);
            assertThat(rest.get(0).closeNotify()).as("the one record is close_notify: %s", rest.get(0)).isTrue();
        }
    }

    @Test
    void opensslSeesCloseNotifyAloneAfterQuit() throws Exception {
        // the client Exim's report came from: `openssl s_client -msg` prints every alert it receives
        assertThat(Files.isExecutable(OPENSSL))
                .as(OPENSSL + " is not installed: run bin/test (it installs bin/test-packages)").isTrue();
        Path ca = TestPki.get().writeChainPem(dir);
        try (SmtpTestServer server = server()) {
            Process openssl = new ProcessBuilder(OPENSSL.toString(), "s_client", "-connect",
                    "127.0.0.1:" + server.address().getPort(), "-servername", "localhost", "-CAfile", ca.toString(),
                    "-verify_return_error", "-msg", "-crlf", "-ign_eof").redirectErrorStream(true).start();
            try {
                BlockingQueue<String> lines = lines(openssl);
                List<String> output = new ArrayList<>();
                awaitLine(lines, output, "220 ");
                OutputStream stdin = openssl.getOutputStream();
                stdin.write("QUIT\n".getBytes(StandardCharsets.US_ASCII)); // -crlf sends it as QUIT CRLF
                stdin.flush();
                awaitLine(lines, output, "221 ");
                List<String> after = new ArrayList<>();
                for (String line = next(lines); !line.equals(EOF); line = next(lines)) {
                    after.add(line);
                }
                assertThat(after).as("openssl output after 221").filteredOn(line -> line.startsWith("<<<"))
                        .filteredOn(line -> line.contains("Alert"))
                        .containsExactly("<<< TLS 1.3, Alert [length 0002], warning close_notify");
                assertThat(openssl.waitFor(10, TimeUnit.SECONDS)).as("openssl ends when the server closes").isTrue();
            } finally {
                openssl.destroyForcibly();
            }
        }
    }

    /** The process's output, line by line, then {@link #EOF}. */
    private static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading the output failed: " + e + ")");
            } finally {
                lines.add(EOF);
            }
        }, "openssl-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static void awaitLine(BlockingQueue<String> lines, List<String> output, String prefix)
            throws InterruptedException {
        for (String line = next(lines); !line.startsWith(prefix); line = next(lines)) {
            output.add(line);
            if (line.equals(EOF)) {
                throw new AssertionError("openssl ended before a line starting with \"" + prefix + "\": "
                        + String.join("\n", output));
            }
        }
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(10, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no output from openssl within 10 s");
        }
        return line;
    }
}
