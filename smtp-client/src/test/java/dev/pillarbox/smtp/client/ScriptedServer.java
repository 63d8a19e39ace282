package dev.pillarbox.smtp.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A misbehaving server for tests, on a free loopback port: it accepts one connection and plays a script (what to
 * send, what to read, when to fall silent or hang up). What the well-behaved servers (smtp-sink, aiosmtpd, Postfix,
 * Pillarbox) never do: malformed replies, silence, bytes after 220 to STARTTLS. Records the lines it read.
 */
final class ScriptedServer implements AutoCloseable {

    /** What the server does with its one connection. */
    @FunctionalInterface
    interface Script {
        void play(Peer peer) throws IOException, InterruptedException;
    }

    /** The server's side of the connection. */
    static final class Peer {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final List<String> lines;

        Peer(Socket socket, List<String> lines) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.lines = lines;
        }

        /** Sends {@code text} as is (the script writes the CRLFs). */
        Peer send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        }

        /** Reads one line (without CRLF) and records it; null at the end of input. */
        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    break;
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            lines.add(text);
            return text;
        }

        /** Reads {@code n} lines. */
        void readLines(int n) throws IOException {
            for (int i = 0; i < n; i++) {
                readLine();
            }
        }

        /** Reads lines up to and including the one equal to {@code last}. */
        void readUntil(String last) throws IOException {
            String line;
            do {
                line = readLine();
            } while (line != null && !line.equals(last));
        }

        /** Keeps the connection open without reading or writing until the client goes away. */
        void silent() throws InterruptedException {
            Thread.sleep(60_000); // ended early by close(): the test asserts the client gave up long before this
        }

        /** The raw socket, e.g. to shrink its receive buffer. */
        Socket socket() {
            return socket;
        }
    }

    private final ServerSocket listener;
    private final Thread thread;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile Socket accepted;

    private ScriptedServer(Script script, int receiveBuffer) throws IOException {
        listener = new ServerSocket();
        if (receiveBuffer > 0) {
            listener.setReceiveBufferSize(receiveBuffer); // inherited by the accepted socket
        }
        listener.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(() -> {
            try (Socket s = listener.accept()) {
                accepted = s;
                script.play(new Peer(s, lines));
            } catch (IOException | InterruptedException e) {
                if (!listener.isClosed()) {
                    failure = e;
                }
            } finally {
                done.countDown();
            }
        }, "scripted-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a server playing {@code script}. */
    static ScriptedServer start(Script script) throws IOException {
        return new ScriptedServer(script, 0);
    }

    /** Starts a server whose connection has a small receive buffer, so that a client's writes block soon. */
    static ScriptedServer withSmallReceiveBuffer(Script script) throws IOException {
        return new ScriptedServer(script, 4096);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The lines the script read so far. */
    List<String> lines() {
        return lines;
    }

    /** Waits (at most 10 s) for the script to end. */
    boolean awaitEnd() throws InterruptedException {
        return done.await(10, TimeUnit.SECONDS);
    }

    /** What went wrong in the script, if anything. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Socket s = accepted;
        if (s != null) {
            s.close();
        }
        thread.interrupt();
    }

    /** A typical EHLO reply. */
    static final String EHLO = "250-mx.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n";
}
