package dev.pillarbox.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of one connection: the accepted TCP socket, and TLS over it once started. Every blocking read and every
 * TLS handshake runs within a deadline that {@link ReadDeadlines} enforces from its own thread by shutting down the
 * TCP socket's input, so that the read returns at once and is reported as a {@link DeadlineExpired}.
 *
 * <p>Under TLS the TCP socket is the one to cut: one TLS read (or handshake) is as many network reads as the client
 * cares to split its record into, so a socket timeout, which bounds each network read, lets a client that sends
 * one byte every few seconds hold the connection open without end. A deadline for the whole read does not.
 */
final class Transport {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    // readDeadline values that are not System.nanoTime() deadlines
    private static final long NO_READ = Long.MIN_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE + 1;

    private final Socket tcp;
    // the deadline of the read or handshake in progress; a plain read carries no SO_TIMEOUT (see ReadDeadlines)
    private final AtomicLong readDeadline = new AtomicLong(NO_READ);
    private volatile Socket socket; // tcp, or the TLS socket over it
    private volatile boolean tlsEstablished;
    private InputStream in;

    /** The transport of an accepted socket. */
    Transport(Socket tcp) {
        this.tcp = tcp;
        this.socket = tcp;
    }

    /** Opens the plain streams; call once, on the connection's thread. */
    OutputStream open() throws IOException {
        tcp.setSoTimeout(0);
        // the replies of a pipeline group go out in one write (RFC 2920); a second write before the client's next
        // command (the reply to a stored message flushed before its after-store stage, then the replies to the
        // commands pipelined behind it) must not wait for the client's delayed ACK, as Nagle's algorithm makes it
        tcp.setTcpNoDelay(true);
        in = tcp.getInputStream();
        return tcp.getOutputStream();
    }

    /** True once a TLS handshake completed. */
    boolean tls() {
        return tlsEstablished;
    }

    /**
     * One read into {@code buffer} that ends by {@code deadline} ({@code System.nanoTime()}) at the latest, however the
     * client spreads its bytes.
     *
     * @return the bytes read, or -1 at the end of the stream
     * @throws DeadlineExpired if the deadline passed first (the input is then shut down)
     */
    int read(byte[] buffer, int offset, int length, long deadline) throws IOException {
        readDeadline.set(deadline);
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            if (expired()) {
                throw new DeadlineExpired("read deadline passed");
            }
            throw e;
        }
        if (expired()) {
            throw new DeadlineExpired("read deadline passed"); // the input is shut down: nothing more can come
        }
        return n;
    }

    /**
     * As {@link #read}, but a read that gets no byte within {@code wait} throws a plain
     * {@link SocketTimeoutException} and leaves the connection usable (the greet pause).
     */
    int readWaiting(byte[] buffer, int offset, int length, Duration wait, long deadline) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toMillis())));
        try {
            return read(buffer, offset, length, deadline);
        } finally {
            socket.setSoTimeout(0);
        }
    }

    /** Bytes that can be read without blocking. */
    int available() throws IOException {
        return in.available();
    }

    /**
     * Runs the server side of a TLS handshake over the TCP socket (STARTTLS, or first thing on an implicit TLS
     * listener), to be complete by {@code deadline}.
     *
     * @return the output stream of the TLS socket
     * @throws DeadlineExpired if the handshake was not complete by the deadline
     * @throws javax.net.ssl.SSLException if the handshake failed
     */
    OutputStream startTls(SSLContext context, InetSocketAddress remote, long deadline) throws IOException {
        SSLSocket tlsSocket = (SSLSocket) context.getSocketFactory()
                .createSocket(tcp, remote.getHostString(), remote.getPort(), true);
        tlsSocket.setUseClientMode(false);
        socket = tlsSocket; // from now on a close from another thread closes TLS
        readDeadline.set(deadline);
        try {
            tlsSocket.startHandshake();
        } catch (IOException e) {
            if (expired()) {
                throw new DeadlineExpired("TLS handshake not complete within the idle timeout");
            }
            throw e;
        }
        if (expired()) {
            throw new DeadlineExpired("TLS handshake not complete within the idle timeout");
        }
        in = tlsSocket.getInputStream();
        tlsEstablished = true;
        return tlsSocket.getOutputStream();
    }

    /** The TLS session, once {@link #tls()}. */
    SSLSession tlsSession() {
        return ((SSLSocket) socket).getSession();
    }

    /** Ends the guarded read or handshake; true if {@link #expire} cut it short. */
    private boolean expired() {
        return readDeadline.getAndSet(NO_READ) == EXPIRED;
    }

    /**
     * Called by {@link ReadDeadlines} from its own thread: if a read or handshake is in progress whose deadline is
     * before {@code now}, shuts down the TCP socket's input so that it returns. The compare-and-set makes the expiry
     * and the end of the read exclusive: a read that completed first is not touched.
     */
    void expire(long now, String id) {
        long deadline = readDeadline.get();
        if (deadline == NO_READ || deadline == EXPIRED || now - deadline < 0) {
            return;
        }
        if (readDeadline.compareAndSet(deadline, EXPIRED)) {
            try {
                tcp.shutdownInput();
            } catch (IOException e) {
                LOG.debug("shutting down the input of {} failed: {}", id, e.toString());
            }
        }
    }

    /**
     * Closes the connection. Under TLS the output is closed first, which sends {@code close_notify} alone:
     * {@code SSLSocket.close()} by itself closes TLS 1.3 both ways with a {@code user_canceled} alert before the
     * {@code close_notify} (a warning that peers such as GnuTLS log as an error), while RFC 8446 6.1 needs only
     * {@code close_notify} when the sender is done.
     */
    void close() {
        Socket s = socket;
        if (tlsEstablished && !s.isClosed()) {
            try {
                s.shutdownOutput();
            } catch (IOException e) {
                LOG.debug("sending close_notify failed: {}", e.toString());
            }
        }
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    /** A read or TLS handshake that the connection's deadline ended; the input is shut down. */
    static final class DeadlineExpired extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        DeadlineExpired(String message) {
            super(message);
        }
    }
}
