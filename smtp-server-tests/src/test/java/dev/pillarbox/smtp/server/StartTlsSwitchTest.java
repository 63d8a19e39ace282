package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.testing.ReplyReader;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection's switch to TLS on {@link Outcome.RespondThenStartTls} (RFC 3207), driven by a minimal test
 * STARTTLS verb: bytes pipelined after the command are discarded, the session is reset, trace says ESMTPS.
 */
class StartTlsSwitchTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static SSLContext context;

    @BeforeAll
    static void createCertificate() throws Exception {
        Path keystore = dir.resolve("test.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-alias", "mx", "-dname", "CN=mx.test.example", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    }

    static final class TestStartTlsModule extends AbstractModule {
        @Override
        protected void configure() {
            ExtensionPoints.tlsContext(binder()).toInstance(context);
            SmtpBinder.verb(binder(), "STARTTLS").toInstance((session, command) ->
                    session.isTls() ? Outcome.reply(Reply.of(503, "5.5.1", "TLS already active"))
                            : Outcome.replyThenStartTls(Reply.of(220, "2.0.0", "Ready to start TLS")));
        }
    }

    @Test
    void startTlsDiscardsPipelinedBytesAndResetsTheSession() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.start(new TestStartTlsModule());
             Socket plain = new Socket(server.address().getAddress(), server.address().getPort())) {
            plain.setSoTimeout(5000);
            Wire wire = new Wire(plain);
            assertThat(wire.reply().code().value()).isEqualTo(220);
            wire.send("EHLO client.example\r\n");
            wire.reply();
            // RFC 3207 6: whatever follows STARTTLS in the same packet must be thrown away
            wire.send("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\n");
            assertThat(wire.reply().toString()).isEqualTo("220 2.0.0 Ready to start TLS");

            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain,
                    server.address().getHostString(), server.address().getPort(), true);
            tls.startHandshake();
            Wire secure = new Wire(tls);
            secure.send("MAIL FROM:<a@example.org>\r\n");
            assertThat(secure.reply().toString()).isEqualTo("503 5.5.1 Bad sequence of commands");
            secure.send("EHLO client.example\r\n");
            secure.reply();
            secure.send("STARTTLS\r\n");
            assertThat(secure.reply().toString()).isEqualTo("503 5.5.1 TLS already active");
            for (String line : List.of("MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>", "DATA")) {
                secure.send(line + "\r\n");
                secure.reply();
            }
            secure.send("secret\r\n.\r\n");
            assertThat(secure.reply().toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages().get(0).receivedHeader()).contains(" with ESMTPS id ");
            assertThat(server.store().messages().get(0).envelope().reversePath().orElseThrow())
                    .hasToString("<a@example.org>");
        }
    }

    /** Just enough client to read replies over any socket. */
    private static final class Wire {
        private final InputStream in;
        private final OutputStream out;
        private final ReplyReader replies = new ReplyReader();

        Wire(Socket socket) throws Exception {
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void send(String text) throws Exception {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        Reply reply() {
            return replies.read(in);
        }
    }
}
