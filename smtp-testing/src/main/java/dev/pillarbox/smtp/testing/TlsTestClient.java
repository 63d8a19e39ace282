package dev.pillarbox.smtp.testing;

import dev.pillarbox.smtp.core.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A line-level SMTP test client that can switch to TLS: {@link #startTls()} runs the client side of the handshake
 * on the same socket after the server's 220 (RFC 3207), {@link #implicitTls} connects with TLS first (RFC 8314).
 * Like {@link SmtpTestClient}, replies compare as their wire form, e.g. {@code "220 2.0.0 Ready to start TLS"}.
 */
public final class TlsTestClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final InetSocketAddress address;
    private final SSLContext context;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ReplyReader replies = new ReplyReader();

    private TlsTestClient(InetSocketAddress address, SSLContext context, Socket socket) throws IOException {
        this.address = address;
        this.context = context;
        use(socket);
    }

    /** A plain connection; {@code context} is used by {@link #startTls()}. Reads nothing yet. */
    public static TlsTestClient plain(InetSocketAddress address, SSLContext context) {
        try {
            Socket socket = new Socket();
            socket.connect(address, (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            return new TlsTestClient(address, context, socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection that runs the TLS handshake first (implicit TLS). Reads nothing yet. */
    public static TlsTestClient implicitTls(InetSocketAddress address, SSLContext context) {
        TlsTestClient client = plain(address, context);
        client.handshake();
        return client;
    }

    /** Runs the client side of the TLS handshake on the current socket, as after {@code 220 Ready to start TLS}. */
    public TlsTestClient handshake() {
        try {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, address.getHostString(),
                    address.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            use(tls);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends STARTTLS, expects {@code 220}, and runs the handshake. */
    public TlsTestClient startTls() {
        Reply reply = command("STARTTLS");
        if (reply.code().value() != 220) {
            throw new AssertionError("expected 220 to STARTTLS, got: " + reply);
        }
        return handshake();
    }

    /** The TLS session, once TLS is active. */
    public SSLSession tlsSession() {
        return ((SSLSocket) socket).getSession();
    }

    /** Sends {@code line} followed by CRLF. */
    public TlsTestClient send(String line) {
        return sendRaw(line + "\r\n");
    }

    /** Sends these exact characters, e.g. several pipelined commands in one write. */
    public TlsTestClient sendRaw(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code line} and reads the reply. */
    public Reply command(String line) {
        send(line);
        return readReply();
    }

    /** Reads the next complete reply. */
    public Reply readReply() {
        return replies.read(in);
    }

    /** Reads a reply and fails unless it has {@code code}. */
    public Reply expect(int code) {
        return replies.expect(in, code);
    }

    /** True if the server closes the connection within the read timeout (anything it sends is discarded). */
    public boolean awaitClose() {
        return ReplyReader.awaitClose(in);
    }

    /** The client's local address. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
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
