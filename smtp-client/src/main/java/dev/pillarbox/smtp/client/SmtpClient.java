package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.Verb;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP or LMTP client connection: blocking I/O, one thread at a time (a virtual thread is fine), reusable for any
 * number of messages (RSET goes before each message but the first).
 *
 * <pre>{@code
 * ClientSettings settings = ClientSettings.builder().tls(TlsOptions.mode(TlsMode.STARTTLS_REQUIRED))
 *         .credentials(Credentials.of("alice", password)).build();
 * try (SmtpClient client = SmtpClient.connect("mx.example.net", 587, settings)) {
 *     SendResult result = client.send(Envelope.of("alice@example.org", "bob@example.net"),
 *             MessageBody.of("Subject: hi\r\n\r\nHello Bob\r\n"));
 *     result.recipients().forEach(System.out::println);  // <bob@example.net> ACCEPTED 250 2.0.0 Ok: queued
 * }
 * }</pre>
 *
 * <p>{@link #connect} reads the greeting, says EHLO (LHLO for LMTP; HELO when EHLO gets 5xx), starts TLS as the
 * {@link TlsOptions} say and says EHLO again, then authenticates if credentials are set. {@link #send} returns what
 * happened per recipient; negative replies are results, failures of the connection are {@link SmtpClientException}s
 * after which the client is unusable and says why ({@link #isUsable()}, and an {@link IllegalStateException} from any
 * further call). {@link #close()} says QUIT and closes.
 *
 * <p>Not thread-safe: one thread uses a client at a time.
 */
public final class SmtpClient implements AutoCloseable {

    /** Made on first use, so that a client that never logs never starts SLF4J (a load generator's start-up). */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(SmtpClient.class);
    }

    private final Connection connection;
    private final ClientSettings settings;
    private final Transactions transactions;
    private Reply greeting;
    private Capabilities capabilities;
    private AuthMechanism authenticatedWith;
    private boolean closed;

    private SmtpClient(Connection connection, ClientSettings settings) {
        this.connection = connection;
        this.settings = settings;
        this.transactions = new Transactions(connection, settings);
    }

    /**
     * Connects to {@code host:port} and gets the session ready to send: greeting, EHLO/LHLO, TLS and AUTH as
     * {@code settings} say.
     *
     * @throws SmtpClientException (a subclass naming the failure) if the session cannot be set up; nothing stays open
     */
    public static SmtpClient connect(String host, int port, ClientSettings settings) throws SmtpClientException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(settings, "settings");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        Connection connection = Connection.open(host, port, settings);
        SmtpClient client = new SmtpClient(connection, settings);
        try {
            client.open();
        } catch (SmtpClientException | RuntimeException e) {
            client.quitQuietly();
            connection.closeBecause("the session could not be set up: " + e.getMessage());
            throw e;
        }
        return client;
    }

    /** Connects to {@code address} (its host name, or its address when it has none). */
    public static SmtpClient connect(InetSocketAddress address, ClientSettings settings) throws SmtpClientException {
        return connect(address.getHostString(), address.getPort(), settings);
    }

    private void open() throws SmtpClientException {
        TlsOptions tls = settings.tls();
        if (tls.mode() == TlsMode.IMPLICIT) {
            connection.startTls(tls, Step.TLS_ON_CONNECT);
        }
        greeting = connection.reply(Step.GREETING, "the greeting");
        if (greeting.code().value() == 421) {
            throw connection.broken(new SmtpReplyException("the server " + connection.peer()
                    + " is closing the connection: " + oneLine(greeting), greeting));
        }
        if (greeting.code().value() != 220) {
            // RFC 5321 3.1: a 554 greeting means no service; the client should QUIT (connect() does)
            throw new SmtpReplyException("the server " + connection.peer() + " refused the session: "
                    + oneLine(greeting), greeting);
        }
        capabilities = hello();
        if (tls.mode() == TlsMode.STARTTLS_OPPORTUNISTIC || tls.mode() == TlsMode.STARTTLS_REQUIRED) {
            startTls(tls);
        }
        Optional<Credentials> credentials = settings.credentials();
        if (credentials.isPresent()) {
            authenticatedWith = new Authentication(connection).run(credentials.get(), capabilities, isTls());
            Log.LOG.debug("authenticated to {} as {} with {}", connection.peer(), credentials.get().username(),
                    authenticatedWith.saslName());
        }
    }

    private Capabilities hello() throws SmtpClientException {
        String name = settings.heloName().isPresent() ? settings.heloName().get() : addressLiteral();
        Verb verb = settings.lmtp() ? Verb.LHLO : Verb.EHLO;
        Reply reply = simple(new Command(verb, name));
        if (reply.code().value() == 250) {
            return Capabilities.ofEhlo(reply);
        }
        if (!settings.lmtp() && reply.code().isPermanent()) {
            Reply helo = simple(new Command(Verb.HELO, name)); // RFC 5321 3.2: EHLO unknown, fall back to HELO
            if (helo.code().value() == 250) {
                return Capabilities.ofHelo(helo);
            }
            throw new SmtpReplyException("the server " + connection.peer() + " refused EHLO (" + oneLine(reply)
                    + ") and HELO (" + oneLine(helo) + ")", helo);
        }
        throw new SmtpReplyException("the server " + connection.peer() + " refused " + verb + ": " + oneLine(reply),
                reply);
    }

    private void startTls(TlsOptions tls) throws SmtpClientException {
        boolean required = tls.mode() == TlsMode.STARTTLS_REQUIRED;
        if (!capabilities.startTls()) {
            if (required) {
                throw new SmtpTlsException("the server " + connection.peer() + " does not offer STARTTLS, which the"
                        + " client settings require (it offers " + capabilities + ")");
            }
            return;
        }
        Reply reply = simple(new Command(Verb.STARTTLS, ""));
        if (reply.code().value() != 220) {
            if (required) {
                throw new SmtpTlsException("the server " + connection.peer()
                        + " refused STARTTLS, which the client settings require: " + oneLine(reply));
            }
            Log.LOG.debug("{} refused STARTTLS ({}); going on without TLS", connection.peer(), reply);
            return;
        }
        connection.startTls(tls, Step.COMMAND);
        capabilities = hello(); // RFC 3207 4.2: forget what was learnt before TLS
    }

    /** Sends one command, waits for its reply (a 421 ends the connection, RFC 5321 3.8). */
    private Reply simple(Command command) throws SmtpClientException {
        connection.command(command, command.toString(), Step.COMMAND);
        connection.flush(Step.COMMAND, command.toString());
        Reply reply = connection.reply(Step.COMMAND, command.toString());
        if (reply.code().value() == 421) {
            throw connection.broken(new SmtpReplyException("the server " + connection.peer()
                    + " is closing the connection: " + oneLine(reply), reply));
        }
        return reply;
    }

    private String addressLiteral() {
        InetSocketAddress local = connection.localAddress();
        return local.getAddress() instanceof Inet6Address
                ? "[IPv6:" + local.getAddress().getHostAddress().replaceFirst("%.*$", "") + "]"
                : "[" + local.getAddress().getHostAddress() + "]";
    }

    // ---- sending

    /**
     * Sends one message: [RSET,] MAIL, RCPT for each recipient, then DATA and the dot-stuffed content (or BDAT
     * chunks, with {@link ClientSettings#chunkSize()} or BODY=BINARYMIME), pipelined when the server offers
     * PIPELINING. The content is streamed in buffer-sized pieces.
     *
     * @return what happened per recipient; refusals are results
     * @throws MessageTooLargeException if the content's known size exceeds the server's SIZE limit (nothing sent)
     * @throws ExtensionNotOfferedException if the envelope needs an extension the server lacks (nothing sent)
     * @throws SmtpClientException for a failure of the connection, which is then unusable
     * @throws IOException if the content cannot be opened (nothing sent)
     * @throws IllegalStateException if the client is unusable or closed
     */
    public SendResult send(Envelope envelope, MessageBody content) throws IOException {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
        ensureUsable();
        return transactions.send(envelope, content, capabilities);
    }

    /**
     * Encodes a message once for this server's capabilities, to send it any number of times with
     * {@link #sendAll}. Uses BDAT when {@link ClientSettings#chunkSize()} is set and the server offers CHUNKING (the
     * whole message as one {@code BDAT n LAST}).
     *
     * @throws MessageTooLargeException if it exceeds the server's SIZE limit
     * @throws ExtensionNotOfferedException if the envelope needs an extension the server lacks
     */
    public PreparedMessage prepare(Envelope envelope, byte[] content) throws SmtpClientException {
        ensureUsable();
        return PreparedMessage.prepare(envelope, content, capabilities,
                settings.chunkSize() > 0 && capabilities.chunking(), settings.normaliseLineEndings());
    }

    /**
     * Sends prepared messages one after another, passing each result to {@code results} in order. With PIPELINING the
     * end of one message's data and the next message's commands travel in one write (RFC 2920 3.1), so a message
     * costs one round trip. Stops when {@code messages} has no more, or after a 421.
     *
     * @throws SmtpClientException for a failure of the connection; messages already reported stay reported
     */
    public void sendAll(Iterator<PreparedMessage> messages, Consumer<SendResult> results) throws SmtpClientException {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(results, "results");
        ensureUsable();
        transactions.sendAll(messages, results, capabilities);
    }

    /** Sends one prepared message. */
    public SendResult send(PreparedMessage message) throws SmtpClientException {
        SendResult[] result = new SendResult[1];
        sendAll(java.util.List.of(message).iterator(), r -> result[0] = r);
        return result[0];
    }

    /** Sends RSET and returns the reply. */
    public Reply rset() throws SmtpClientException {
        ensureUsable();
        return simple(new Command(Verb.RSET, ""));
    }

    /** Sends NOOP and returns the reply, e.g. to check the connection is alive. */
    public Reply noop() throws SmtpClientException {
        ensureUsable();
        return simple(new Command(Verb.NOOP, ""));
    }

    // ---- state

    /** The server's 220 greeting. */
    public Reply greeting() {
        return greeting;
    }

    /** What the server offers (after TLS: what it offered inside TLS). */
    public Capabilities capabilities() {
        return capabilities;
    }

    /** True if the connection is protected by TLS. */
    public boolean isTls() {
        return connection.tlsSession().isPresent();
    }

    /** The TLS session, if TLS is on. */
    public Optional<SSLSession> tlsSession() {
        return connection.tlsSession();
    }

    /** The mechanism AUTH succeeded with, if the client authenticated. */
    public Optional<AuthMechanism> authenticatedWith() {
        return Optional.ofNullable(authenticatedWith);
    }

    /** False after a failure of the connection, a 421, or {@link #close()}. */
    public boolean isUsable() {
        return connection.unusable() == null;
    }

    /** Why the client is unusable, if it is. */
    public Optional<String> unusableReason() {
        return Optional.ofNullable(connection.unusable());
    }

    private void ensureUsable() {
        connection.ensureUsable();
    }

    /** Says QUIT (waiting at most 10 s, or the command timeout if shorter, for the reply) and closes. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        quitQuietly();
        connection.closeBecause("the client was closed");
    }

    private void quitQuietly() {
        if (connection.unusable() != null) {
            return;
        }
        try {
            connection.command(Commands.QUIT, "QUIT", Step.QUIT);
            connection.flush(Step.QUIT, "QUIT");
            connection.reply(Step.QUIT, "QUIT");
        } catch (SmtpClientException | RuntimeException e) {
            Log.LOG.debug("QUIT to {} failed: {}", connection.peer(), e.getMessage());
        }
    }

    private static String oneLine(Reply reply) {
        return Connection.printable(reply.toString().replace("\r\n", " / "));
    }

    @Override
    public String toString() {
        return "SmtpClient[" + connection.peer() + (isTls() ? ", TLS" : "") + (isUsable() ? ""
                : ", unusable: " + connection.unusable()) + "]";
    }
}
