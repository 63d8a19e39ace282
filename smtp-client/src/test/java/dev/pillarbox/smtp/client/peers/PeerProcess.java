package dev.pillarbox.smtp.client.peers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;

import dev.pillarbox.smtp.testing.EngineProcess;

/**
 * A server nobody here wrote (aiosmtpd), started by a test on loopback: ready only after a real
 * SMTP greeting arrived (generous deadline), stopped by its PID. A missing program fails the test, never skips it
 * (CI must not pass silently without the component).
 */
public final class PeerProcess extends EngineProcess {

    /** How long a peer may take to greet its first client: generous, the machine is shared. */
    static final Duration READY_DEADLINE = Duration.ofSeconds(60);

    private final int port;
    private final SocketFactory sockets;

    private PeerProcess(int port, SocketFactory sockets) {
        this.port = port;
        this.sockets = sockets;
    }

    /**
     * Starts {@code command} (its output to {@code dir/name.log}) and waits until {@code port} greets with 220,
     * checking the greeting through {@code sockets} (e.g. TLS; null for plain TCP).
     */
    static PeerProcess start(String name, List<String> command, Path dir, int port, SocketFactory sockets)
            throws IOException, InterruptedException {
        PeerProcess peer = new PeerProcess(port, sockets == null ? SocketFactory.getDefault() : sockets);
        peer.launch(command, Map.of(), dir.resolve(name + ".log"), READY_DEADLINE);
        return peer;
    }

    @Override
    protected boolean ready() {
        return greets(port, sockets);
    }

    /** The port. */
    public int port() {
        return port;
    }
}
