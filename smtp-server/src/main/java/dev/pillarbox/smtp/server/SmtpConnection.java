package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.codec.ServerDecoder;
import dev.pillarbox.smtp.codec.ServerInbound;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.TransactionEnd;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One client connection on its own thread, in plain blocking I/O, read like the protocol: the preamble (PROXY,
 * implicit TLS), the greeting, then read, decode, and hand each unit to the {@link Conversation}, which dispatches
 * and writes, until the client quits or a limit ends the session. {@link #run()} is {@code try { serve(); } finally
 * { end the transaction; close; deregister; }}. The connection owns the socket ({@link Transport}), its reads
 * ({@link ConnectionInput}, within the deadlines {@link ReadDeadlines} enforces), the flush before each read (RFC
 * 2920: replies go out when the pipelined input is used up) and the shutdown's close.
 */
final class SmtpConnection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);

    private final ServerContext context;
    private final ServerSettings settings;
    private final Transport transport;
    private final ServerSession session;
    private final ConnectionInput input;
    private final BodyReceiver body;
    private final Preamble preamble;
    private final ReplyOutput output;
    private final Conversation conversation;
    private final long openedAt = System.nanoTime();
    private final InetAddress peer; // the socket's peer, also behind a PROXY header: what the limiter counted

    private volatile boolean idle; // waiting for a command outside a transaction: a shutdown closes it at once
    private volatile boolean closedByServer;

    SmtpConnection(ServerContext context, Socket socket, ListenerSettings listener, String id) {
        this.context = context;
        this.settings = context.settings();
        this.transport = new Transport(socket);
        this.peer = socket.getInetAddress();
        this.session = new ServerSession(id, (InetSocketAddress) socket.getRemoteSocketAddress(),
                (InetSocketAddress) socket.getLocalSocketAddress(), listener, settings.hostname(),
                context.transactionStages());
        ServerDecoder decoder = new ServerDecoder(settings.codecLimits(), context.longerCommandLines());
        this.input = new ConnectionInput(transport, decoder, settings.idleTimeout());
        this.body = new BodyReceiver(decoder, settings);
        this.preamble = new Preamble(transport, session, listener, context.tlsContext(), settings.idleTimeout(),
                context.events());
        this.output = new ReplyOutput(context.enhancedStatusCodes(), context.events());
        this.conversation = new Conversation(context, session, input, output, body, preamble, remote());
    }

    /** The session id. */
    String id() {
        return session.id();
    }

    @Override
    public void run() {
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName("smtp-" + session.id() + " " + remote());
        MDC.put("session", session.id());
        context.events().connectionOpened(session.listenerName());
        try {
            serve();
        } finally {
            session.endConnection(); // a connection that ends mid-body delivers nothing
            transport.close();
            context.registry().closed(this, peer);
            context.events().connectionClosed(session.listenerName());
            ConnectionHooks.disconnect(context.disconnectHooks(), session, context.events());
            if (LOG.isInfoEnabled()) { // remote() builds a string: not for every connection of a quiet server
                LOG.info("closed {} after {} ms: {} message(s) accepted, {}", remote(),
                        (System.nanoTime() - openedAt) / 1_000_000, session.messagesAccepted(),
                        conversation.endReason());
            }
            MDC.remove("session");
            thread.setName(threadName);
        }
    }

    /** The session from greeting to close, with the error ladder of STYLE item 14. */
    private void serve() {
        try {
            output.use(transport.open());
            LOG.debug("connection from {} on listener {}", remote(), session.listenerName());
            String refused = preamble.run(peer, output);
            if (refused != null) {
                conversation.end(refused);
                return;
            }
            if (conversation.greet()) {
                while (!conversation.closing()) {
                    ServerInbound unit = input.next();
                    if (unit != null) {
                        conversation.accept(unit);
                    } else if (!fill()) {
                        break;
                    }
                }
            }
            output.flush();
        } catch (SocketTimeoutException e) {
            context.events().protocolError(ServerEvents.ProtocolError.TIMEOUT);
            conversation.end(body.timed() ? "body deadline passed (idle timeout, minimum data rate "
                    + settings.minDataRate() + " B/s)" : "idle timeout");
            tryWrite(Replies.TIMEOUT);
        } catch (IOException e) {
            conversation.end(closedByServer ? "closed by server" : "client went away");
            LOG.debug("connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            conversation.end("internal error");
            LOG.error("connection failed", e);
            tryWrite(Replies.INTERNAL_ERROR_CLOSING);
        }
    }

    /** Reads more input after flushing the replies; false at end of stream, when shutting down or giving up a body. */
    private boolean fill() throws IOException {
        if (body.drainExhausted()) {
            conversation.end("message over the size limit by more than the oversize drain ("
                    + settings.oversizeDrain() + " octets)");
            session.endTransaction(TransactionEnd.REJECTED);
            output.write(Replies.MESSAGE_TOO_BIG); // RFC 1870 6.1; the client is still sending: the session ends
            return false;
        }
        output.flush();
        boolean boundary = conversation.atBoundary();
        idle = boundary;
        // checked after idle is set: either this thread sees the shutdown or the shutdown sees this idle session
        if (boundary && context.registry().isShuttingDown()) {
            conversation.end("server shutdown");
            close(Replies.SHUTTING_DOWN, true);
            return false;
        }
        int n;
        try {
            n = input.read(body);
        } finally {
            idle = false;
        }
        if (n < 0) {
            conversation.end(boundary ? "client closed without QUIT" : "client went away mid-transaction");
            return false;
        }
        return true;
    }

    /** Called by {@link ReadDeadlines} from its own thread: ends a read or TLS handshake whose deadline passed. */
    void expireRead(long now) {
        transport.expire(now, session.id());
    }

    /**
     * Called by the server on shutdown: closes the connection with {@code reply} if it waits idle for a command
     * outside a transaction ({@code force == false}), or in any case ({@code force == true}, after the grace period).
     *
     * @return true if the connection was closed
     */
    boolean close(Reply reply, boolean force) {
        boolean closed = output.sendLast(reply, () -> {
            if (closedByServer || (!force && !idle)) {
                return false;
            }
            closedByServer = true;
            return true;
        });
        if (closed) {
            transport.close();
        }
        return closed || closedByServer;
    }

    /** Best effort: buffered replies, then {@code reply}; the connection is ending anyway. */
    private void tryWrite(Reply reply) {
        try {
            output.write(reply);
            output.flush();
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send {}: {}", reply.code(), e.toString());
        }
    }

    private String remote() {
        InetSocketAddress remote = session.remoteAddress();
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
