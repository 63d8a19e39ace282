package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.extensions.starttls.StartTlsModule;
import dev.pillarbox.smtp.extensions.starttls.TlsSettings;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.server.proxy.ProxyV2Headers;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import dev.pillarbox.smtp.testing.TestPki;
import dev.pillarbox.smtp.testing.TlsTestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** A listener behind a load balancer: the PROXY header names the real client for hooks, logs and trace headers. */
class ProxyProtocolListenerTest {

    /** Records what a connect hook sees: the remote and local address of each session. */
    static final class AddressRecorder implements ConnectHook {
        final BlockingQueue<List<InetSocketAddress>> seen = new LinkedBlockingQueue<>();

        @Override
        public int order() {
            return 0;
        }

        @Override
        public HookResult onConnect(SessionView session) {
            seen.add(List.of(session.remoteAddress(), session.localAddress()));
            return HookResult.next();
        }

        List<InetSocketAddress> next() throws InterruptedException {
            List<InetSocketAddress> addresses = seen.poll(5, TimeUnit.SECONDS);
            assertThat(addresses).as("a session reached the connect hooks").isNotNull();
            return addresses;
        }
    }

    private final AddressRecorder recorder = new AddressRecorder();

    private SmtpTestServer server(ListenerSettings listener, PipeliningPolicy pipelining,
            com.google.inject.Module... more) {
        return SmtpTestServer.builder()
                .settings(s -> s.listeners(List.of(listener)).pipelining(pipelining))
                .modules(new AbstractModule() {
                    @Override
                    protected void configure() {
                        SmtpBinder.hook(binder(), ConnectHook.class).toInstance(recorder);
                        for (com.google.inject.Module module : more) {
                            install(module);
                        }
                    }
                }).start();
    }

    private SmtpTestServer server() {
        return server(ListenerSettings.loopback().withProxyProtocol(true), PipeliningPolicy.REJECT);
    }

    @Test
    void v1HeaderNamesTheClientForHooksAndTraceHeaders() throws Exception {
        try (SmtpTestServer server = server(); SmtpTestClient client = server.connect()) {
            client.sendRaw("PROXY TCP4 192.0.2.1 198.51.100.2 56324 25\r\n");
            client.expect(220);
            assertThat(recorder.next()).containsExactly(address("192.0.2.1", 56324), address("198.51.100.2", 25));
            client.send("EHLO client.example");
            client.expect(250);
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data("Subject: via proxy\r\n\r\nhi\r\n").code().value()).isEqualTo(250);
            assertThat(server.store().awaitMessages(1, Duration.ofSeconds(5)).get(0).receivedHeader())
                    .contains("[192.0.2.1]");
        }
    }

    @Test
    void v2HeaderWithIpv6NamesTheClient() throws Exception {
        byte[] body = new byte[36];
        System.arraycopy(InetAddress.getByName("2001:db8::7").getAddress(), 0, body, 0, 16);
        System.arraycopy(InetAddress.getByName("2001:db8::1").getAddress(), 0, body, 16, 16);
        body[32] = (byte) 0xC3; // port 50000
        body[33] = (byte) 0x50;
        body[35] = 25;
        try (SmtpTestServer server = server(); SmtpTestClient client = server.connect()) {
            client.sendRaw(v2(0x21, 0x21, body));
            client.expect(220);
            assertThat(recorder.next()).containsExactly(address("2001:db8::7", 50000), address("2001:db8::1", 25));
        }
    }

    @Test
    void v2LocalCommandKeepsTheSocketAddress() throws Exception {
        try (SmtpTestServer server = server(); SmtpTestClient client = server.connect()) {
            client.sendRaw(v2(0x20, 0x00, new byte[0]));
            client.expect(220);
            assertThat(recorder.next()).containsExactly(client.localAddress(), server.address());
        }
    }

    @Test
    void bytesAfterTheHeaderAreLeftForSmtp() throws Exception {
        try (SmtpTestServer server = server(ListenerSettings.loopback().withProxyProtocol(true),
                PipeliningPolicy.LOG_ONLY);
             SmtpTestClient client = server.connect()) {
            // header and first command in one write: the header reader must not swallow the command
            client.sendRaw("PROXY TCP4 192.0.2.9 192.0.2.25 1234 25\r\nEHLO client.example\r\n");
            client.expect(220);
            assertThat(client.readReply().toString()).startsWith("250-mx.test.example\r\n");
        }
    }

    @Test
    void aConnectionWithoutAValidHeaderIsClosedWithoutAGreeting() throws Exception {
        try (SmtpTestServer server = server()) {
            assertThat(exchange(server.address(), "EHLO client.example\r\n")).isEmpty();
            assertThat(exchange(server.address(), "PROXY TCP4 1.2.3.999 5.6.7.8 1 2\r\n")).isEmpty();
            assertThat(exchange(server.address(), "PROXY TCP4 1.2.3.4")).isEmpty(); // then EOF mid-header
            // v2: version 1 in the version nibble, an undefined family, a TCP4 body that is too short
            assertThat(exchange(server.address(), v2(0x11, 0x11, new byte[12]))).isEmpty();
            assertThat(exchange(server.address(), v2(0x21, 0x41, new byte[12]))).isEmpty();
            assertThat(exchange(server.address(), v2(0x21, 0x11, new byte[8]))).isEmpty();
            assertThat(recorder.seen).isEmpty();
            // the listener goes on
            try (SmtpTestClient client = server.connect()) {
                client.sendRaw("PROXY UNKNOWN\r\n");
                client.expect(220);
            }
        }
    }

    @ParameterizedTest(name = "trusting only {0}")
    @ValueSource(strings = {"::1", "192.0.2.0/24", "10.0.0.0/8, 2001:db8::/32"})
    void aPeerThatIsNotATrustedProxyIsClosedWithoutAGreetingAndLoggedOnce(String trusted) throws Exception {
        ListenerSettings listener = ListenerSettings.loopback().withProxyProtocol(true)
                .withTrustedProxies(Networks.parse(List.of(trusted.split(", "))));
        Logger log = (Logger) LoggerFactory.getLogger(SmtpConnection.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Level level = log.getLevel();
        log.setLevel(Level.INFO); // the suite's logback-test.xml keeps the root at WARN
        lines.start();
        log.addAppender(lines);
        try (SmtpTestServer server = server(listener, PipeliningPolicy.REJECT)) {
            // 127.0.0.1 is not in the trusted networks: a valid header would let it choose the client's address
            assertThat(exchange(server.address(), "PROXY TCP4 192.0.2.1 198.51.100.2 56324 25\r\nEHLO x.example\r\n"))
                    .isEmpty();
            assertThat(recorder.seen).as("no session reached the connect hooks").isEmpty();
            server.close(); // waits for the connection's closing line
            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                    .filteredOn(line -> line.contains("PROXY")).singleElement().asString()
                    .endsWith("PROXY header expected from a trusted proxy (" + listener.trustedProxies()
                            + "), not from 127.0.0.1");
        } finally {
            log.detachAppender(lines);
            log.setLevel(level);
        }
    }

    @Test
    void aTrustedProxyNamedByItsNetworkIsBelieved() throws Exception {
        ListenerSettings listener = ListenerSettings.loopback().withProxyProtocol(true)
                .withTrustedProxies(Networks.of("192.0.2.0/24", "127.0.0.0/30"));
        try (SmtpTestServer server = server(listener, PipeliningPolicy.REJECT);
             SmtpTestClient client = server.connect()) {
            client.sendRaw("PROXY TCP4 198.51.100.7 198.51.100.2 56324 25\r\n");
            client.expect(220);
            assertThat(recorder.next()).containsExactly(address("198.51.100.7", 56324), address("198.51.100.2", 25));
        }
    }

    @Test
    void proxyHeaderComesBeforeTheImplicitTlsHandshake() throws Exception {
        ListenerSettings listener = ListenerSettings.loopback().withName("smtps").withImplicitTls(true)
                .withProxyProtocol(true);
        try (SmtpTestServer server = server(listener, PipeliningPolicy.REJECT,
                new StartTlsModule(TlsSettings.context(TestPki.get().serverContext())));
             TlsTestClient client = TlsTestClient.plain(server.address(), TestPki.get().clientContext())) {
            client.sendRaw("PROXY TCP4 203.0.113.5 203.0.113.1 40000 465\r\n");
            client.handshake();
            assertThat(client.readReply().code().value()).isEqualTo(220);
            assertThat(recorder.next()).containsExactly(address("203.0.113.5", 40000), address("203.0.113.1", 465));
        }
    }

    /** Sends {@code text}, half-closes, and returns everything the server sent until it closed. */
    private static String exchange(InetSocketAddress server, String text) throws IOException {
        return exchange(server, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends {@code bytes}, half-closes, and returns everything the server sent until it closed. */
    private static String exchange(InetSocketAddress server, byte[] bytes) throws IOException {
        try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static byte[] v2(int versionCommand, int family, byte[] body) {
        return ProxyV2Headers.header(versionCommand, family, body);
    }

    private static InetSocketAddress address(String host, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }
}
