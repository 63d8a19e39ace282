package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that declares a small SIZE and then streams on: the server reads the rest of an oversized message only up
 * to the oversize drain past the limit, then answers {@code 552 5.3.4} and closes, for DATA and for BDAT. Within the
 * drain the 552 comes in step and the session goes on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OversizeDrainTest {

    private static final int LIMIT = 64 * 1024;
    private static final int DRAIN = 256 * 1024;
    // what a client may stream if never stopped: far past the limit, the drain and any socket buffer
    private static final long STREAM = 256L * 1024 * 1024;
    // besides the limit and the drain, bytes in flight when the server stops: its read buffer (16 KiB), its socket's
    // receive buffer (tcp_rmem allows up to 32 MiB) and the client's small send buffer
    private static final long IN_FLIGHT = 40L * 1024 * 1024;
    private static final String TOO_BIG = "552 5.3.4 Message size exceeds fixed maximum message size";

    private static SmtpTestServer server(long drain) {
        return SmtpTestServer.builder()
                .settings(s -> s.discoverPlugins(true).maxMessageSize(LIMIT).oversizeDrain(drain)).start();
    }

    /** Writes body lines to the socket until the server closes or {@code max} octets are written. */
    private static long streamUntilClosed(Socket socket, long max) {
        byte[] lines = new byte[64 * 1024];
        for (int i = 0; i < lines.length; i += 80) {
            Arrays.fill(lines, i, Math.min(i + 78, lines.length), (byte) 'x');
            if (i + 79 < lines.length) {
                lines[i + 78] = '\r';
                lines[i + 79] = '\n';
            }
        }
        long written = 0;
        try {
            OutputStream out = socket.getOutputStream();
            while (written < max) {
                out.write(lines);
                written += lines.length;
            }
        } catch (IOException e) {
            // the server closed: what was written until then is what it could have read, plus the buffers
        }
        return written;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DATA", "BDAT"})
    void aClientThatLiesAboutSizeAndStreamsOnIsCutOffPastTheDrainWith552(String verb) throws IOException {
        try (SmtpTestServer server = server(DRAIN); SmtpTestClient client = server.afterEhlo()) {
            Socket socket = client.socket();
            socket.setSendBufferSize(64 * 1024);
            assertThat(client.command("MAIL FROM:<liar@example.org> SIZE=100").toString())
                    .isEqualTo("250 2.1.0 Sender OK");
            client.command("RCPT TO:<b@example.net>");
            if (verb.equals("DATA")) {
                assertThat(client.command("DATA").code().value()).isEqualTo(354);
            } else {
                client.sendRaw("BDAT " + STREAM + " LAST\r\n");
            }
            long written = streamUntilClosed(socket, STREAM);
            System.out.printf("OversizeDrainTest: %s streamed %d KiB before the server closed (limit %d KiB, drain %d"
                    + " KiB)%n", verb, written / 1024, LIMIT / 1024, DRAIN / 1024);
            assertThat(written).as("octets the client could write before the close").isLessThan(
                    LIMIT + DRAIN + IN_FLIGHT);
            assertThat(client.readReply().toString()).isEqualTo(TOO_BIG);
            assertThat(client.awaitClose()).isTrue();
            assertThat(server.store().messages()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DATA", "BDAT"})
    void aMessageOverTheLimitWithinTheDrainIsAnswered552InStepAndTheSessionGoesOn(String verb) {
        try (SmtpTestServer server = server(DRAIN); SmtpTestClient client = server.inTransaction()) {
            String body = ("y".repeat(78) + "\r\n").repeat((LIMIT + 100 * 1024) / 80);
            if (verb.equals("DATA")) {
                assertThat(client.data(body).toString()).isEqualTo(TOO_BIG);
            } else {
                byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
                client.sendRaw("BDAT " + bytes.length + " LAST\r\n").sendRaw(bytes);
                assertThat(client.readReply().toString()).isEqualTo(TOO_BIG);
            }
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            assertThat(client.command("MAIL FROM:<a@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
        }
    }

    @Test
    void drainZeroStopsReadingRightAfterTheLimit() throws IOException {
        try (SmtpTestServer server = server(0); SmtpTestClient client = server.inTransaction()) {
            client.socket().setSendBufferSize(64 * 1024);
            assertThat(client.command("DATA").code().value()).isEqualTo(354);
            long written = streamUntilClosed(client.socket(), STREAM);
            assertThat(written).isLessThan(LIMIT + IN_FLIGHT);
            assertThat(client.readReply().toString()).isEqualTo(TOO_BIG);
        }
    }
}
