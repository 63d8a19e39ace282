package dev.pillarbox.smtp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback between one client and a server, for attacks below TLS: it passes bytes both ways at once
 * until {@link #trickle(Duration)} is called, and from then on hands the client's bytes to the server one at a time,
 * one per interval. A real TLS client (an {@code SSLSocket}) connected to {@link #address()} then sends a handshake
 * or a TLS record that takes as long as the attacker likes, although every single network read of the server
 * returns quickly. {@link #awaitServerClose(Duration)} says when the server ended its side.
 */
public final class TricklingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final CountDownLatch serverClosed = new CountDownLatch(1);
    private final AtomicLong serverClosedAt = new AtomicLong();
    private final AtomicLong trickled = new AtomicLong();
    private volatile long trickleNanos; // 0: pass bytes on at once
    private volatile long trickleStart;
    private volatile Socket client;
    private volatile Socket server;

    private TricklingRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::relay, "trickling-relay");
        accept.setDaemon(true);
        accept.start();
    }

    /** A relay to {@code target}, accepting one client on a free loopback port. */
    public static TricklingRelay to(InetSocketAddress target) {
        try {
            return new TricklingRelay(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the client connects. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** From now on the client's bytes reach the server one every {@code interval}. */
    public TricklingRelay trickle(Duration interval) {
        trickleStart = System.nanoTime();
        trickleNanos = interval.toNanos();
        return this;
    }

    /** Client bytes handed to the server one at a time so far. */
    public long trickledBytes() {
        return trickled.get();
    }

    /**
     * Waits until the server closes its side of the connection (end of stream or reset).
     *
     * @return the time from {@link #trickle(Duration)} to the close
     * @throws AssertionError if the server keeps the connection open for {@code timeout}
     */
    public Duration awaitServerClose(Duration timeout) throws InterruptedException {
        if (!serverClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server kept the connection open for " + timeout.toMillis() + " ms while "
                    + trickled.get() + " bytes trickled in");
        }
        return Duration.ofNanos(serverClosedAt.get() - trickleStart);
    }

    private void relay() {
        try {
            client = listener.accept();
            server = new Socket();
            server.connect(target, 5000);
            server.setTcpNoDelay(true);
            Thread up = new Thread(() -> clientToServer(client, server), "trickling-relay-up");
            up.setDaemon(true);
            up.start();
            serverToClient(server, client);
        } catch (IOException e) {
            serverEnded();
        }
    }

    private void clientToServer(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    long pace = trickleNanos;
                    if (pace == 0) {
                        out.write(buffer, i, n - i);
                        break;
                    }
                    out.write(buffer[i]);
                    out.flush();
                    trickled.incrementAndGet();
                    if (serverClosed.await(pace, TimeUnit.NANOSECONDS)) { // the attacker's pace
                        return;
                    }
                }
                out.flush();
            }
        } catch (IOException e) {
            // a write after the server closed: it is the server side that counts, and serverToClient sees it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serverToClient(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        boolean clientGone = false;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (!clientGone) {
                    try {
                        out.write(buffer, 0, n);
                        out.flush();
                    } catch (IOException e) {
                        clientGone = true; // keep reading: the server's close is what the test waits for
                    }
                }
            }
        } catch (IOException e) {
            // reset by the server
        } finally {
            serverEnded();
            try {
                to.shutdownOutput(); // the client sees the server's close
            } catch (IOException e) {
                // the client is gone already
            }
        }
    }

    private void serverEnded() {
        if (serverClosed.getCount() > 0) {
            serverClosedAt.set(System.nanoTime());
            serverClosed.countDown();
        }
    }

    @Override
    public void close() {
        for (java.io.Closeable c : new java.io.Closeable[] {listener, client, server}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
