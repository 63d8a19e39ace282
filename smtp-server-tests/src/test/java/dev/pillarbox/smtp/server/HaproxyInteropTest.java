package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's HAProxy in front of the server, sending PROXY protocol v2 ({@code send-proxy-v2}): the session sees the
 * client's own address and port, not HAProxy's. Skipped, with the reason printed, where HAProxy is not installed;
 * the v2 format is still covered byte by byte in {@code ProxyHeaderDecoderTest}.
 */
class HaproxyInteropTest {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    @TempDir
    Path dir;

    /** Remembers each session's remote and local address by the remote port. */
    private final Map<Integer, List<InetSocketAddress>> seen = new ConcurrentHashMap<>();

    @Test
    void haproxyWithSendProxyV2PassesTheClientAddressThrough() throws Exception {
        // a real component the suite needs: bin/test installs it; missing, the test fails rather than skips
        assertThat(Files.isExecutable(HAPROXY))
                .as(HAPROXY + " is not installed: run bin/test (it installs bin/test-packages)").isTrue();

        ListenerSettings listener = ListenerSettings.loopback().withProxyProtocol(true);
        try (SmtpTestServer server = SmtpTestServer.builder()
                .settings(s -> s.listeners(List.of(listener)))
                .modules(new AbstractModule() {
                    @Override
                    protected void configure() {
                        SmtpBinder.hook(binder(), ConnectHook.class).toInstance(new ConnectHook() {
                            @Override
                            public int order() {
                                return 0;
                            }

                            @Override
                            public HookResult onConnect(SessionView session) {
                                seen.put(session.remoteAddress().getPort(),
                                        List.of(session.remoteAddress(), session.localAddress()));
                                return HookResult.next();
                            }
                        });
                    }
                }).start()) {
            int frontPort = freePort();
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(config, String.join("\n",
                    "global",
                    "  maxconn 20",
                    "defaults",
                    "  mode tcp",
                    "  timeout connect 5s",
                    "  timeout client 30s",
                    "  timeout server 30s",
                    "frontend smtp",
                    "  bind 127.0.0.1:" + frontPort,
                    "  default_backend pillarbox",
                    "backend pillarbox",
                    "  server pillarbox 127.0.0.1:" + server.address().getPort() + " send-proxy-v2",
                    ""), StandardCharsets.US_ASCII);
            Process haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            try {
                InetSocketAddress front = new InetSocketAddress(InetAddress.getLoopbackAddress(), frontPort);
                awaitListening(front, haproxy);
                try (SmtpTestClient client = SmtpTestClient.connect(front)) {
                    assertThat(client.readReply().toString()).startsWith("220 mx.test.example");
                    assertThat(client.command("EHLO client.example").code().value()).isEqualTo(250);
                    int port = client.localAddress().getPort();
                    assertThat(seen.get(port)).as("session for client port %d; seen %s", port, seen)
                            .containsExactly(client.localAddress(), front);
                    assertThat(client.command("QUIT").toString()).startsWith("221");
                }
            } finally {
                haproxy.destroy();
                if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                    haproxy.destroyForcibly();
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits (up to 10 s) until HAProxy accepts connections on {@code front}. */
    private void awaitListening(InetSocketAddress front, Process haproxy) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(front, 500);
                return;
            } catch (IOException e) {
                if (!haproxy.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("HAProxy did not start: " + Files.readString(dir.resolve("haproxy.log")),
                            e);
                }
                haproxy.waitFor(50, TimeUnit.MILLISECONDS); // a bounded wait on the process, not a sleep
            }
        }
    }
}
