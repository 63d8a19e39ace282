package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.codec.CommandEncoder;
import dev.pillarbox.smtp.codec.MalformedReplyException;
import dev.pillarbox.smtp.codec.ReplyDecoder;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The bytes of one client connection: a socket (plain, then maybe TLS), a read buffer feeding the codec's
 * {@link ReplyDecoder}, a write buffer the codec's {@link CommandEncoder} writes into, and the {@link Deadline} that
 * bounds every blocking call. Every failure is translated into a typed {@link SmtpClientException} that says what the
 * client was doing and what had arrived, and leaves the connection unusable with that reason.
 */
final class Connection {

    private final String host;
    private final int port;
    private final String peer;
    private final ClientSettings settings;
    private final Transcript transcript;
    private final Socket raw;
    private final Deadline deadline;
    private final byte[] readArray;
    private final ByteBuffer readBuf;
    private final ByteBuffer writeBuf;
    private final CommandEncoder encoder;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private ReplyDecoder decoder;
    private SSLSession tlsSession;
    private String unusable;

    private Connection(String host, int port, ClientSettings settings, Socket raw) throws IOException {
        this.host = host;
        this.port = port;
        this.peer = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        this.settings = settings;
        this.transcript = settings.transcript().orElse(null);
        this.raw = raw;
        this.socket = raw;
        this.in = raw.getInputStream();
        this.out = raw.getOutputStream();
        this.deadline = new Deadline(raw, settings.timeouts().shortest().toNanos());
        this.readArray = new byte[Math.max(8192, Math.min(settings.bufferSize(), 65536))];
        this.readBuf = ByteBuffer.wrap(readArray).limit(0);
        this.writeBuf = ByteBuffer.allocate(settings.bufferSize());
        this.encoder = new CommandEncoder();
        this.decoder = new ReplyDecoder(settings.replyLineLimit());
        DeadlineWatchdog.register(deadline);
    }

    /** Connects within the connect timeout. */
    static Connection open(String host, int port, ClientSettings settings) throws SmtpClientException {
        Socket socket = new Socket();
        Duration limit = Step.CONNECT.limit(settings.timeouts());
        String peer = host + ":" + port;
        try {
            socket.setTcpNoDelay(true); // commands are batched here; Nagle would only add latency
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, limit.toMillis()));
            return new Connection(host, port, settings, socket);
        } catch (java.net.SocketTimeoutException e) {
            closeQuietly(socket);
            throw new SmtpTimeoutException("could not connect to " + peer + " within " + Step.format(limit)
                    + " (connect timeout)", limit);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new SmtpClientException("could not connect to " + peer + ": " + e.getMessage(), e);
        }
    }

    /** "host:port" for messages. */
    String peer() {
        return peer;
    }

    /** The host connected to. */
    String host() {
        return host;
    }

    /** The local end, e.g. for the address literal of EHLO. */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) raw.getLocalSocketAddress();
    }

    /** The TLS session, once TLS is on. */
    Optional<SSLSession> tlsSession() {
        return Optional.ofNullable(tlsSession);
    }

    /** The buffer commands are encoded into before {@link #flush}. */
    ByteBuffer writeBuffer() {
        return writeBuf;
    }

    /** Why the connection is unusable, or null while it is usable. */
    String unusable() {
        return unusable;
    }

    /** @throws IllegalStateException naming why, if the connection is no longer usable */
    void ensureUsable() {
        if (unusable != null) {
            throw new IllegalStateException("this SMTP connection to " + peer + " is unusable: " + unusable);
        }
    }

    // ---- writing

    /** Appends a command line to the write buffer (flushing first if it is full); {@code shown} is its transcript. */
    void command(Command command, String shown, Step step) throws SmtpClientException {
        ensureUsable();
        int length = commandLength(command);
        if (writeBuf.remaining() < length) {
            flush(step, "commands");
        }
        if (writeBuf.remaining() < length) { // longer than the whole buffer (a long AUTH response): as an array
            byte[] line = encoder.encode(command);
            append(line, 0, line.length, step, "a command");
        } else {
            encoder.encode(command, writeBuf);
        }
        note(Transcript.Direction.CLIENT, shown);
    }

    /** At least the encoded length: UTF-8 takes at most three octets per char. */
    private static int commandLength(Command command) {
        return command.verb().name().length() + 3 + 3 * command.argument().length();
    }

    /** Appends bytes encoded elsewhere (a prepared message), flushing as needed. */
    void append(byte[] bytes, int offset, int length, Step step, String what) throws SmtpClientException {
        ensureUsable();
        if (length <= writeBuf.remaining()) {
            writeBuf.put(bytes, offset, length);
            return;
        }
        flush(step, what);
        if (length <= writeBuf.remaining()) {
            writeBuf.put(bytes, offset, length);
            return;
        }
        write(bytes, offset, length, step, what);
    }

    /** Writes the write buffer's contents to the socket within {@code step}'s limit. */
    void flush(Step step, String what) throws SmtpClientException {
        ensureUsable();
        if (writeBuf.position() == 0) {
            return;
        }
        write(writeBuf.array(), 0, writeBuf.position(), step, what);
        writeBuf.clear();
    }

    private void write(byte[] bytes, int offset, int length, Step step, String what) throws SmtpClientException {
        Duration limit = step.limit(settings.timeouts());
        deadline.arm(limit.toNanos());
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            deadline.disarm();
            throw failure(e, step, limit, "the server did not take " + length + " octets of " + what,
                    "sending " + what);
        }
        if (!deadline.disarm()) {
            throw timedOut(step, limit, "the server did not take " + length + " octets of " + what);
        }
    }

    /** True if a transcript is listening, so that callers build its lines only then. */
    boolean transcribing() {
        return transcript != null;
    }

    /** Notes a line in the transcript, if there is one. */
    void note(Transcript.Direction direction, String line) {
        if (transcript != null) {
            transcript.line(direction, line);
        }
    }

    // ---- reading

    /**
     * The next reply, reading within {@code step}'s limit.
     *
     * @param awaiting what the reply answers, for messages, e.g. "MAIL FROM:<a@example.org>"
     */
    Reply reply(Step step, String awaiting) throws SmtpClientException {
        ensureUsable();
        while (true) {
            if (readBuf.hasRemaining()) {
                Reply reply;
                try {
                    reply = decoder.decode(readBuf);
                } catch (MalformedReplyException e) {
                    throw broken(new SmtpProtocolException("malformed reply to " + awaiting + " from " + peer + ": "
                            + e.getMessage()));
                }
                if (reply != null) {
                    if (transcript != null) {
                        for (String line : reply.toString().split("\r\n", -1)) {
                            transcript.line(Transcript.Direction.SERVER, line);
                        }
                    }
                    return reply;
                }
            }
            fill(step, awaiting);
        }
    }

    /** True if bytes the server sent are waiting in the read buffer (e.g. after 220 to STARTTLS: they must not be). */
    int unreadBytes() {
        return readBuf.remaining();
    }

    private void fill(Step step, String awaiting) throws SmtpClientException {
        Duration limit = step.limit(settings.timeouts());
        readBuf.clear();
        int n;
        deadline.arm(limit.toNanos());
        try {
            n = in.read(readArray, 0, readArray.length);
        } catch (IOException e) {
            deadline.disarm();
            readBuf.limit(0);
            throw failure(e, step, limit, "no reply to " + awaiting + " from " + peer,
                    "waiting for the reply to " + awaiting);
        }
        if (!deadline.disarm()) {
            readBuf.limit(0);
            throw timedOut(step, limit, "no reply to " + awaiting + " from " + peer);
        }
        if (n < 0) {
            readBuf.limit(0);
            throw broken(new SmtpConnectionClosedException("the server " + peer
                    + " closed the connection while the client waited for the reply to " + awaiting + arrived()));
        }
        readBuf.limit(n);
    }

    private String arrived() {
        String partial = decoder.partialReply();
        return partial.isEmpty() ? "; no part of a reply had arrived"
                : "; what had arrived of it: \"" + printable(partial) + "\"";
    }

    // ---- TLS

    /**
     * Runs the TLS handshake over the plain socket (after 220 to STARTTLS, or at once for implicit TLS) and switches
     * reading and writing to TLS. The reply decoder starts afresh.
     */
    void startTls(TlsOptions tls, Step step) throws SmtpClientException {
        ensureUsable();
        if (readBuf.hasRemaining()) {
            // RFC 3207 5: nothing may follow 220 in plain text; bytes here would be taken as if sent inside TLS
            int n = readBuf.remaining();
            String text = new String(readArray, readBuf.position(), Math.min(n, 80), StandardCharsets.UTF_8);
            throw broken(new SmtpTlsException("the server " + peer + " sent " + n
                    + " octets after its 220 reply to STARTTLS, before the TLS handshake: \"" + printable(text)
                    + "\"; refusing to go on (plain text injected into the TLS session)"));
        }
        String name = tls.serverName().orElse(host);
        Duration limit = step.limit(settings.timeouts());
        SSLSocket ssl;
        try {
            ssl = (SSLSocket) tls.context().getSocketFactory().createSocket(raw, name, port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            if (tls.verifyHostname()) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!isAddressLiteral(name)) {
                parameters.setServerNames(List.of(new SNIHostName(name)));
            }
            ssl.setSSLParameters(parameters);
            ssl.setUseClientMode(true);
        } catch (IOException | IllegalArgumentException e) {
            throw broken(new SmtpTlsException("TLS with " + peer + " could not be set up: " + e.getMessage(), e));
        }
        deadline.arm(limit.toNanos());
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            deadline.disarm();
            if (e instanceof SSLException) {
                throw broken(new SmtpTlsException("TLS handshake with " + peer + " failed: " + handshakeProblem(e),
                        e));
            }
            throw failure(e, step, limit, "no TLS handshake with " + peer, "the TLS handshake");
        }
        if (!deadline.disarm()) {
            throw timedOut(step, limit, "no TLS handshake with " + peer);
        }
        try {
            socket = ssl;
            in = ssl.getInputStream();
            out = ssl.getOutputStream();
        } catch (IOException e) {
            throw broken(new SmtpTlsException("TLS with " + peer + " failed: " + e.getMessage(), e));
        }
        tlsSession = ssl.getSession();
        decoder = new ReplyDecoder(settings.replyLineLimit());
        note(Transcript.Direction.NOTE, "TLS handshake done: " + tlsSession.getProtocol() + " "
                + tlsSession.getCipherSuite());
    }

    /**
     * What went wrong in a handshake: the certificate problem when there is one (its message is the same on every
     * JDK; the handshake exception's wording around it is not), else the exception's message.
     */
    private static String handshakeProblem(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                return "the server's certificate was refused: " + t.getMessage();
            }
        }
        return e.getMessage();
    }

    private static boolean isAddressLiteral(String name) {
        return name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    // ---- failure

    /** Marks the connection unusable with {@code e}'s message, closes it, and returns {@code e} for throwing. */
    <E extends SmtpClientException> E broken(E e) {
        if (unusable == null) {
            unusable = e.getMessage();
        }
        close();
        return e;
    }

    private SmtpClientException failure(IOException e, Step step, Duration limit, String timeoutWhat, String doing) {
        if (deadline.expired()) {
            return timedOut(step, limit, timeoutWhat);
        }
        if (e instanceof SmtpClientException) {
            return broken((SmtpClientException) e);
        }
        return broken(new SmtpConnectionClosedException("the connection to " + peer + " failed while " + doing
                + ": " + e.getMessage() + (doing.startsWith("waiting") ? arrived() : ""), e));
    }

    private SmtpTimeoutException timedOut(Step step, Duration limit, String what) {
        String partial = decoder.partialReply();
        return broken(new SmtpTimeoutException(what + " within " + Step.format(limit) + " (" + step.describe() + ")"
                + (partial.isEmpty() ? "" : "; what had arrived of the reply: \"" + printable(partial) + "\""),
                limit));
    }

    /** Text with CR, LF and other controls made visible, at most 200 characters. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < 200; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < ' ' || c == 127) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Marks the connection unusable for {@code reason} (if not already) and closes it. */
    void closeBecause(String reason) {
        if (unusable == null) {
            unusable = reason;
        }
        close();
    }

    private void close() {
        DeadlineWatchdog.deregister(deadline);
        closeQuietly(raw); // first: closing TLS first could block writing close_notify to a server that stopped reading
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing; nothing to report
        }
    }
}
