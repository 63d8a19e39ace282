package dev.pillarbox.smtp.testing;

import dev.pillarbox.smtp.codec.CommandEncoder;
import dev.pillarbox.smtp.codec.ReplyDecoder;
import dev.pillarbox.smtp.core.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking SMTP client for tests, talking to a real server over a loopback socket. Every read has a timeout
 * (5 seconds unless told otherwise), so a test never hangs: a missing reply fails with
 * {@link SocketTimeoutException} wrapped in an {@link UncheckedIOException}.
 *
 * <p>Layered helpers get a session to the state a test needs, each asserting the replies on the way:
 * {@link #connect}, {@link #greeted}, {@link #afterEhlo}, {@link #inTransaction}.
 *
 * <pre>{@code
 * try (SmtpTestClient client = SmtpTestClient.inTransaction(server.address())) {
 *     assertThat(client.data("Subject: hi\r\n\r\nHello\r\n").toString()).startsWith("250 2.0.0 OK");
 * }
 * }</pre>
 *
 * Replies are parsed with the codec's {@link ReplyDecoder}; {@code reply.toString()} is the wire form without the
 * final CRLF, e.g. {@code "250 2.1.0 Sender OK"}, which is what tests compare.
 */
public final class SmtpTestClient implements AutoCloseable {

    /** The default sender of {@link #inTransaction}. */
    public static final String SENDER = "sender@example.org";
    /** The default recipient of {@link #inTransaction}. */
    public static final String RECIPIENT = "rcpt@example.net";
    /** The name {@link #afterEhlo} greets with. */
    public static final String CLIENT_NAME = "client.example";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ReplyReader replies = new ReplyReader();

    private SmtpTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens a connection without reading the greeting. */
    public static SmtpTestClient connect(InetSocketAddress address) {
        try {
            Socket socket = new Socket();
            socket.connect(address, (int) DEFAULT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            return new SmtpTestClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects and reads the 220 greeting. */
    public static SmtpTestClient greeted(InetSocketAddress address) {
        SmtpTestClient client = connect(address);
        client.expect(220);
        return client;
    }

    /** Connects, reads the greeting and sends {@code EHLO client.example}, expecting 250. */
    public static SmtpTestClient afterEhlo(InetSocketAddress address) {
        SmtpTestClient client = greeted(address);
        client.send("EHLO " + CLIENT_NAME);
        client.expect(250);
        return client;
    }

    /** {@link #afterEhlo}, then {@code MAIL FROM:<sender@example.org>} and {@code RCPT TO:<rcpt@example.net>}. */
    public static SmtpTestClient inTransaction(InetSocketAddress address) {
        SmtpTestClient client = afterEhlo(address);
        client.send("MAIL FROM:<" + SENDER + ">");
        client.expect(250);
        client.send("RCPT TO:<" + RECIPIENT + ">");
        client.expect(250);
        return client;
    }

    /** Changes the read timeout. */
    public SmtpTestClient timeout(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sends {@code line} followed by CRLF. */
    public SmtpTestClient send(String line) {
        return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends these exact bytes (several commands, a body, broken line endings: whatever the test needs). */
    public SmtpTestClient sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends these exact characters as UTF-8, e.g. {@code "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n"}. */
    public SmtpTestClient sendRaw(String text) {
        return sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code line} and reads the reply. */
    public Reply command(String line) {
        send(line);
        return readReply();
    }

    /** Reads the next complete reply (all lines of a multi-line reply). */
    public Reply readReply() {
        return replies.read(in);
    }

    /** Reads a reply and fails unless it has {@code code}. */
    public Reply expect(int code) {
        return replies.expect(in, code);
    }

    /**
     * Sends DATA, expects 354, sends {@code body} dot-stuffed and terminated with CRLF.CRLF (a CRLF is added if
     * the body does not end with one), and returns the server's final reply.
     */
    public Reply data(String body) {
        send("DATA");
        expect(354);
        sendBody(body.getBytes(StandardCharsets.UTF_8));
        return readReply();
    }

    /** Sends {@code body} dot-stuffed with the terminating CRLF.CRLF, as after a 354. */
    public SmtpTestClient sendBody(byte[] body) {
        CommandEncoder encoder = new CommandEncoder();
        encoder.startBody();
        ByteBuffer wire = ByteBuffer.allocate(body.length * 2 + 5);
        wire.put(encoder.body(ByteBuffer.wrap(body)));
        wire.put(encoder.endBody());
        return sendRaw(java.util.Arrays.copyOf(wire.array(), wire.position()));
    }

    /**
     * Waits up to the read timeout for the server to close the connection, discarding anything else it sends.
     *
     * @return true if the server closed the connection
     */
    public boolean awaitClose() {
        return ReplyReader.awaitClose(in);
    }

    /** The connection's socket, for a test that streams raw bytes past the reply reader or tunes the socket. */
    public Socket socket() {
        return socket;
    }

    /** The client's local address (its port identifies the session in server logs). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
