package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.codec.BareLineEnding;
import dev.pillarbox.smtp.codec.BodyChunk;
import dev.pillarbox.smtp.codec.CommandLine;
import dev.pillarbox.smtp.codec.EndOfBody;
import dev.pillarbox.smtp.codec.EndOfChunk;
import dev.pillarbox.smtp.codec.InvalidCommandBytes;
import dev.pillarbox.smtp.codec.LineTooLong;
import dev.pillarbox.smtp.codec.MessageTooLarge;
import dev.pillarbox.smtp.codec.ServerDecoder;
import dev.pillarbox.smtp.codec.ServerInbound;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.Verb;
import dev.pillarbox.smtp.plugins.api.BodyCompletion;
import dev.pillarbox.smtp.plugins.api.BodyResult;
import dev.pillarbox.smtp.plugins.api.DisconnectHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.LineHandler;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.SmtpRejection;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.server.proxy.ProxyHeader;
import dev.pillarbox.smtp.server.proxy.ProxyHeaderDecoder;
import dev.pillarbox.smtp.server.proxy.ProxyHeaderException;
import dev.pillarbox.smtp.server.verbs.ServerReplies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One client connection on its own thread, in plain blocking I/O: greet, then read, decode, dispatch, write until
 * the client quits or a limit ends the session. {@link #run()} is {@code try { serve(); } finally { close;
 * release permit; deregister; }}; everything the session does is straight-line code in {@link #serve()}.
 *
 * <p>Replies are collected in one output buffer and written in one go when the pipelined input is used up (RFC
 * 2920), before the connection blocks on a read, and whenever a reply must reach the client before it may go on
 * (354, STARTTLS). A connection has one small read buffer, compacted by the decoder contract: when the decoder
 * returns null it has consumed the buffer and keeps any partial line itself.
 */
final class SmtpConnection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);
    // buffer sizes chosen by measurement (docs/performance.md): a small buffer for commands keeps an idle
    // connection at a few KiB, and a body gets a larger one, kept for the connection's next messages
    private static final int COMMAND_BUFFER = 1024;
    private static final int BODY_BUFFER = 16 * 1024;
    // commands that do no mail work, counted against the junk command limit (Postfix's smtpd_junk_command_limit)
    private static final Set<Verb> JUNK_COMMANDS = Set.of(Verb.NOOP, Verb.RSET, Verb.VRFY, Verb.EXPN, Verb.HELP);

    private final ServerContext context;
    private final ServerSettings settings;
    private final ListenerSettings listener;
    private final ServerSession session;
    private final ServerDecoder decoder;
    private final ByteBuffer commandBuffer = ByteBuffer.allocate(COMMAND_BUFFER).limit(0);
    private ByteBuffer bodyBuffer;
    private ByteBuffer readBuffer = commandBuffer; // the decoder consumes it fully before the next read
    private final ReplyOutput output;
    private final OversizeDrain oversizeDrain;
    private final long openedAt;
    private final InetAddress peer; // the socket's peer, also behind a PROXY header: what the limiter counted

    private final Transport transport;
    private volatile boolean idle;
    private volatile boolean closedByServer;

    private LineHandler pendingLine;
    private BodyCompletion completion;
    private boolean closing;
    private String endReason = "client quit";
    private long commandDeadline; // System.nanoTime() by which the pending command line must be complete
    private boolean bodyTimed; // a body deadline runs: the minimum data rate is on and a body was started
    private long bodyDeadline; // System.nanoTime() by which the body must have advanced (minimum data rate)

    SmtpConnection(ServerContext context, Socket socket, ListenerSettings listener, String id) {
        this.context = context;
        this.settings = context.settings;
        this.listener = listener;
        this.transport = new Transport(socket);
        this.session = new ServerSession(id, (InetSocketAddress) socket.getRemoteSocketAddress(),
                (InetSocketAddress) socket.getLocalSocketAddress(), listener, settings.hostname());
        this.decoder = new ServerDecoder(settings.codecLimits(), context.longerCommandLines);
        this.output = new ReplyOutput(context.server.enhancedStatusCodes());
        this.oversizeDrain = new OversizeDrain(settings.codecLimits().maxMessageSize(), settings.oversizeDrain());
        this.openedAt = System.nanoTime();
        this.peer = socket.getInetAddress();
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
        try {
            serve();
        } finally {
            session.abortMessage(); // a connection that ends mid-body delivers nothing
            closeSocket();
            context.server.connectionClosed(this, peer);
            runDisconnectHooks();
            if (LOG.isInfoEnabled()) { // remote() builds a string: not for every connection of a quiet server
                LOG.info("closed {} after {} ms: {} message(s) accepted, {}", remote(),
                        (System.nanoTime() - openedAt) / 1_000_000, session.messagesAccepted(), endReason);
            }
            MDC.remove("session");
            thread.setName(threadName);
        }
    }

    /** The session from greeting to close, with the error ladder of STYLE item 14. */
    private void serve() {
        try {
            output.use(transport.open());
            if (LOG.isDebugEnabled()) {
                LOG.debug("connection from {} on listener {}", remote(), listener.name());
            }
            if (listener.proxyProtocol() && !(fromTrustedProxy() && readProxyHeader())) {
                return;
            }
            if (listener.implicitTls() && !handshake()) {
                return; // RFC 8314 3.3: TLS first, the greeting only inside it
            }
            if (greet()) {
                loop();
            }
            flush();
        } catch (SocketTimeoutException e) {
            endReason = bodyTimed
                    ? "body deadline passed (idle timeout, minimum data rate " + settings.minDataRate() + " B/s)"
                    : "idle timeout";
            tryWrite(Replies.TIMEOUT);
        } catch (IOException e) {
            endReason = closedByServer ? "closed by server" : "client went away";
            LOG.debug("connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            endReason = "internal error";
            LOG.error("connection failed", e);
            tryWrite(Replies.INTERNAL_ERROR_CLOSING);
        }
    }

    private void loop() throws IOException {
        while (!closing) {
            ServerInbound unit = decoder.decode(readBuffer);
            if (unit == null) {
                if (!fill()) {
                    return;
                }
                continue;
            }
            if (completion != null) {
                body(unit);
            } else {
                commandMode(unit);
            }
            if (!closing && output.protocolErrors() >= settings.hardErrorLimit()) {
                endReason = "too many errors";
                write(Replies.TOO_MANY_ERRORS);
                closing = true;
            }
        }
    }

    /** Runs the connect hooks and sends the greeting (or the hooks' refusal); false if the session ends here. */
    private boolean greet() throws IOException {
        HookResult result = runConnectHooks();
        var refusal = Hooks.refusal(result);
        if (refusal.isPresent()) {
            // RFC 5321 3.1: a server that refuses service may answer 554 instead of 220; we then close
            Outcome outcome = refusal.get();
            Reply reply = outcome instanceof Outcome.Respond ? ((Outcome.Respond) outcome).replies().get(0)
                    : ((Outcome.RespondThenClose) outcome).reply();
            write(reply);
            endReason = "refused at connect: " + reply.code();
            return false;
        }
        if (earlyTalker() && improperPipelining("client talked before the greeting")) {
            return false;
        }
        write(Hooks.replyOr(result, ServerReplies.greeting(settings.hostname(), listener.protocol())));
        return true;
    }

    private HookResult runConnectHooks() {
        try {
            return Hooks.firstDecision(context.connectHooks, hook -> hook.onConnect(session));
        } catch (SmtpRejection e) {
            return e.reply().code().isPermanent() ? HookResult.reject(e.reply()) : HookResult.defer(e.reply());
        } catch (RuntimeException e) {
            LOG.error("connect hook failed", e);
            return HookResult.disconnect(Replies.INTERNAL_ERROR_CLOSING);
        }
    }

    /** Bytes before the greeting: a client that does not wait for 220 is a bot (Postfix's pregreet test). */
    private boolean earlyTalker() throws IOException {
        if (settings.greetPause().isZero()) {
            return transport.available() > 0;
        }
        try {
            // the idle timeout still bounds the read as a whole (a TLS record trickled through the pause)
            int n = transport.readWaiting(readBuffer.array(), 0, readBuffer.capacity(), settings.greetPause(),
                    System.nanoTime() + settings.idleTimeout().toNanos());
            if (n < 0) {
                throw new IOException("client closed before the greeting");
            }
            readBuffer.position(0).limit(n); // kept: under LOG_ONLY the bytes are read as commands
            return true;
        } catch (Transport.DeadlineExpired e) {
            throw e;
        } catch (SocketTimeoutException e) {
            return false; // quiet during the pause, as a real client is
        }
    }

    private void commandMode(ServerInbound unit) throws IOException {
        if (unit instanceof CommandLine) {
            command(((CommandLine) unit).text());
        } else if (unit instanceof LineTooLong) {
            cancelChallenge();
            write(Replies.LINE_TOO_LONG);
        } else if (unit instanceof BareLineEnding) {
            cancelChallenge();
            write(Replies.INVALID_LINE_ENDING);
        } else if (unit instanceof InvalidCommandBytes) {
            cancelChallenge();
            write(Replies.INVALID_COMMAND_BYTES);
        } else {
            throw new IllegalStateException("unexpected " + unit + " in command mode");
        }
    }

    private void command(String line) throws IOException {
        if (pendingLine != null) {
            // RFC 4954 4: the line answers a 334 challenge; it is not a command and is never logged
            LineHandler handler = pendingLine;
            cancelChallenge();
            apply(guarded(() -> handler.handle(session, line), Outcome.reply(Replies.LOCAL_ERROR)));
            return;
        }
        Command command;
        try {
            command = Command.parse(line);
        } catch (IllegalArgumentException e) {
            write(Replies.COMMAND_UNRECOGNIZED);
            return;
        }
        LOG.debug("<< {}", command.verb());
        if (!command.verb().equals(Verb.BDAT)) {
            bodyTimed = false; // only the chunks of one BDAT message share a body deadline
        }
        int errorsBefore = output.protocolErrors();
        dispatch(command);
        countJunk(command.verb(), errorsBefore);
    }

    /**
     * Postfix's smtpd_junk_command_limit: a session may send this many commands that do no mail work (counted again
     * from zero after each accepted message); past the limit each one still gets its reply but also counts as a
     * protocol error, so a client that only keeps the session open with them meets the hard error limit. A junk
     * command whose reply already counted (EXPN's 502 5.5.1) is not counted twice.
     */
    private void countJunk(Verb verb, int errorsBefore) {
        int limit = settings.junkCommandLimit();
        if (limit > 0 && JUNK_COMMANDS.contains(verb) && session.junkCommand() > limit
                && output.protocolErrors() == errorsBefore) {
            output.countProtocolError();
        }
    }

    private void dispatch(Command command) throws IOException {
        boolean pipeliningOffered = session.extended();
        Outcome outcome = guarded(() -> context.dispatcher.dispatch(session, command),
                Outcome.reply(Replies.LOCAL_ERROR));
        if (pipelinedImproperly(command.verb(), outcome, pipeliningOffered)) {
            if (outcome instanceof Outcome.RespondThenBody) {
                // the client sent its body before our 354: refuse instead of reading it
                if (improperPipelining("input after DATA before 354")) {
                    session.resetTransaction();
                    return;
                }
            } else {
                apply(outcome);
                improperPipelining(pipeliningOffered ? "input after " + command.verb()
                        : "pipelining without PIPELINING");
                return;
            }
        }
        apply(outcome);
    }

    /**
     * RFC 2920 3.1: EHLO and DATA end a pipeline group, and a client not offered PIPELINING must wait for every
     * reply; input already waiting (we have not flushed this command's reply yet) breaks that rule. Bytes after
     * BDAT are its chunk, and input after QUIT does not matter.
     */
    private boolean pipelinedImproperly(Verb verb, Outcome outcome, boolean pipeliningOffered) throws IOException {
        if (outcome instanceof Outcome.RespondThenClose || outcome instanceof Outcome.ReadChunk) {
            return false;
        }
        boolean endsGroup = endsGroup(verb) || outcome instanceof Outcome.RespondThenBody;
        return (endsGroup || !pipeliningOffered) && inputWaiting();
    }

    private static boolean endsGroup(Verb verb) {
        return verb.equals(Verb.EHLO) || verb.equals(Verb.HELO) || verb.equals(Verb.LHLO);
    }

    /** Logs improper pipelining; under REJECT answers 554 5.5.0 and ends the session (returns true). */
    private boolean improperPipelining(String what) throws IOException {
        if (settings.pipelining() == PipeliningPolicy.LOG_ONLY) {
            LOG.info("improper pipelining from {}: {}", remote(), what);
            return false;
        }
        write(Replies.IMPROPER_PIPELINING);
        closing = true;
        endReason = "improper pipelining: " + what;
        return true;
    }

    private boolean inputWaiting() throws IOException {
        return readBuffer.hasRemaining() || decoder.hasPartialInput() || transport.available() > 0;
    }

    /** Does what a handler decided. */
    private void apply(Outcome outcome) throws IOException {
        if (outcome instanceof Outcome.Respond) {
            for (Reply reply : ((Outcome.Respond) outcome).replies()) {
                write(reply);
            }
        } else if (outcome instanceof Outcome.RespondThenBody) {
            Outcome.RespondThenBody body = (Outcome.RespondThenBody) outcome;
            if (!startMessage()) {
                write(Replies.LOCAL_ERROR);
                return;
            }
            write(body.reply());
            flush(); // DATA ends a pipeline group: the client waits for 354
            decoder.enterDataMode();
            oversizeDrain.dataStarted();
            completion = body.completion();
            startBodyDeadline();
        } else if (outcome instanceof Outcome.ReadChunk) {
            Outcome.ReadChunk chunk = (Outcome.ReadChunk) outcome;
            // a chunk outside a transaction with recipients is read and discarded: the handler answers it (503)
            if (session.phase() == Phase.HAS_RCPT && session.message() == null
                    && session.violation() == BodyResult.Violation.NONE && !startMessage()) {
                session.violation(BodyResult.Violation.STORE_FAILED); // RFC 3030: the chunk is still read
            }
            decoder.enterBdatMode(chunk.octets());
            completion = chunk.completion();
            if (!bodyTimed) {
                startBodyDeadline(); // the first chunk of the message; later chunks share its deadline
            }
        } else if (outcome instanceof Outcome.RespondThenClose) {
            write(((Outcome.RespondThenClose) outcome).reply());
            closing = true;
        } else if (outcome instanceof Outcome.RespondThenStartTls) {
            startTls(((Outcome.RespondThenStartTls) outcome).reply());
        } else if (outcome instanceof Outcome.Challenge) {
            Outcome.Challenge challenge = (Outcome.Challenge) outcome;
            write(challenge.reply());
            pendingLine = challenge.next();
            decoder.useAuthLineLimit(true);
        } else {
            throw new IllegalStateException("unknown outcome " + outcome);
        }
    }

    /** Opens a message in the store and writes the trace header; false (message aborted) on an I/O error. */
    private boolean startMessage() {
        MessageWriter writer = null;
        try {
            writer = context.store.open(session, session.envelope());
            session.message(writer);
            String traceId = session.id() + "." + session.transactions();
            writer.write(ByteBuffer.wrap(ReceivedHeader.of(session, traceId, ZonedDateTime.now(context.clock))));
            return true;
        } catch (IOException e) {
            LOG.warn("message store failed: {}", e.toString());
            session.abortMessage();
            return false;
        }
    }

    /** A unit of a DATA body or BDAT chunk, streamed straight into the message writer. */
    private void body(ServerInbound unit) throws IOException {
        if (unit instanceof BodyChunk) {
            ByteBuffer data = ((BodyChunk) unit).data();
            session.addMessageOctets(data.remaining());
            if (bodyTimed) {
                advanceBodyDeadline(data.remaining());
            }
            if (decoder.mode() == ServerDecoder.Mode.BDAT
                    && session.messageOctets() > settings.codecLimits().maxMessageSize()) {
                violation(BodyResult.Violation.TOO_LARGE);
            }
            MessageWriter writer = session.message();
            if (writer != null && session.violation() == BodyResult.Violation.NONE) {
                try {
                    writer.write(data);
                } catch (IOException e) {
                    LOG.warn("message store failed: {}", e.toString());
                    violation(BodyResult.Violation.STORE_FAILED);
                }
            }
        } else if (unit instanceof EndOfBody) {
            finishBody(((EndOfBody) unit).size());
        } else if (unit instanceof EndOfChunk) {
            finishBody(((EndOfChunk) unit).octets());
        } else if (unit instanceof MessageTooLarge) {
            violation(BodyResult.Violation.TOO_LARGE);
        } else if (unit instanceof BareLineEnding) {
            violation(BodyResult.Violation.BARE_LINE_ENDING);
        } else if (unit instanceof LineTooLong) {
            violation(BodyResult.Violation.LINE_TOO_LONG);
        } else {
            throw new IllegalStateException("unexpected " + unit + " in " + decoder.mode() + " mode");
        }
    }

    /** Records the first violation of the message and stops storing it; the rest of the body is drained. */
    private void violation(BodyResult.Violation violation) {
        if (session.violation() == BodyResult.Violation.NONE) {
            session.violation(violation);
            session.abortMessage();
        }
    }

    private void finishBody(long octets) throws IOException {
        BodyCompletion done = completion;
        completion = null;
        BodyResult result = new BodyResult(octets, session.messageOctets(), session.violation());
        apply(guarded(() -> done.complete(session, result), Outcome.reply(Replies.LOCAL_ERROR)));
        if (session.phase() != Phase.HAS_RCPT) {
            bodyTimed = false; // the message is over (accepted, refused or ended); a chunk in between keeps it
        }
    }

    /**
     * The body's read deadline: the idle timeout from now, then extended by the body data that arrives (see
     * {@link #advanceBodyDeadline}), like Postfix's smtpd_min_data_rate with per-request deadlines. Off when the
     * minimum data rate is 0. For BDAT it spans all chunks of the message, also the command lines between them, so
     * that many tiny chunks are not a way around it.
     */
    private void startBodyDeadline() {
        bodyTimed = settings.minDataRate() > 0;
        bodyDeadline = System.nanoTime() + settings.idleTimeout().toNanos();
    }

    /**
     * {@code octets} of body arrived: the deadline moves on by octets / minimum data rate, but never past the idle
     * timeout from now (Postfix's rule), so a fast start does not buy a long silence later.
     */
    private void advanceBodyDeadline(int octets) {
        long now = System.nanoTime();
        long latest = now + settings.idleTimeout().toNanos();
        bodyDeadline += octets * 1_000_000_000L / settings.minDataRate();
        if (bodyDeadline - latest > 0) {
            bodyDeadline = latest;
        }
    }

    /** RFC 3207: answer, forget everything the client sent after STARTTLS, handshake, reset the session. */
    private void startTls(Reply reply) throws IOException {
        if (context.tlsContext == null) {
            LOG.error("a handler answered STARTTLS but no TLS context is bound (ExtensionPoints.tlsContext)");
            write(ServerReplies.TLS_NOT_AVAILABLE);
            return;
        }
        write(reply);
        flush();
        decoder.discardBuffered(); // RFC 3207 6: pipelined bytes after STARTTLS are discarded
        readBuffer.clear().limit(0);
        handshake();
    }

    /**
     * Runs the server side of the TLS handshake (STARTTLS, or first thing on an implicit TLS listener) within the
     * idle timeout as a whole, then resets the session (RFC 3207 4.2). A failed handshake ends only this connection
     * and is logged once, in the closing line: scanners and clients with no common protocol are routine, not errors.
     */
    private boolean handshake() throws IOException {
        try {
            output.use(transport.startTls(context.tlsContext, session.remoteAddress(),
                    System.nanoTime() + settings.idleTimeout().toNanos()));
        } catch (Transport.DeadlineExpired e) {
            endReason = "TLS handshake not complete within the idle timeout";
            closing = true;
            return false;
        } catch (SSLException | SocketTimeoutException e) {
            endReason = "TLS handshake failed: " + e.getMessage();
            closing = true;
            return false;
        }
        session.startedTls(transport.tlsSession());
        LOG.debug("TLS started: {} {}", transport.tlsSession().getProtocol(), transport.tlsSession().getCipherSuite());
        return true;
    }

    /**
     * A PROXY header names the client that policy, limits and trace headers see, so it is read only from the proxies
     * the listener trusts; anyone else is closed without a greeting, logged once in the closing line.
     */
    private boolean fromTrustedProxy() {
        if (listener.trustedProxies().contains(peer)) {
            return true;
        }
        endReason = "PROXY header expected from a trusted proxy (" + listener.trustedProxies() + "), not from "
                + peer.getHostAddress();
        return false;
    }

    /**
     * Reads the PROXY protocol header (v1 or v2) that the load balancer sends before any SMTP byte, byte-exactly
     * (the decoder never asks for a byte past it) and within {@link ListenerSettings#PROXY_HEADER_TIMEOUT} in all.
     * Without a valid header the connection closes without a greeting, logged once in the closing line.
     */
    private boolean readProxyHeader() throws IOException {
        ProxyHeaderDecoder proxy = new ProxyHeaderDecoder();
        byte[] chunk = new byte[ProxyHeaderDecoder.V1_MAX_LENGTH];
        long deadline = System.nanoTime() + ListenerSettings.PROXY_HEADER_TIMEOUT.toNanos();
        String via = remote();
        try {
            ProxyHeader header = null;
            while (header == null) {
                int wanted = proxy.bytesWanted();
                if (chunk.length < wanted) {
                    chunk = new byte[wanted];
                }
                int n = transport.read(chunk, 0, wanted, deadline);
                if (n < 0) {
                    endReason = "closed before a complete PROXY header";
                    return false;
                }
                header = proxy.feed(chunk, 0, n);
            }
            ProxyHeader decoded = header;
            decoded.source().ifPresent(source -> session.proxied(source, decoded.destination().orElseThrow()));
            LOG.debug("{} from proxy {}", decoded, via);
            return true;
        } catch (ProxyHeaderException e) {
            endReason = "invalid PROXY header: " + e.getMessage();
            return false;
        } catch (SocketTimeoutException e) {
            endReason = "no PROXY header within " + ListenerSettings.PROXY_HEADER_TIMEOUT.toSeconds() + "s";
            return false;
        }
    }

    /**
     * Runs handler code under the exception ladder: a rejection is its reply; an {@link UncheckedIOException}
     * is {@code ioFailure} (451, the session goes on); any other exception is a bug: logged with its stack,
     * answered {@code 421 4.3.0} and the connection closes, never echoing the exception text.
     */
    private Outcome guarded(Supplier<Outcome> code, Outcome ioFailure) {
        try {
            Outcome outcome = code.get();
            if (outcome == null) {
                throw new NullPointerException("a handler returned null instead of an Outcome");
            }
            return outcome;
        } catch (SmtpRejection e) {
            return Outcome.reply(e.reply());
        } catch (UncheckedIOException e) {
            LOG.warn("I/O error in handler: {}", e.getCause().toString());
            return ioFailure;
        } catch (RuntimeException e) {
            LOG.error("handler failed", e);
            endReason = "internal error";
            return Outcome.replyThenClose(Replies.INTERNAL_ERROR_CLOSING);
        }
    }

    private void cancelChallenge() {
        if (pendingLine != null) {
            pendingLine = null;
            decoder.useAuthLineLimit(false);
        }
    }

    /** Reads more input after flushing the replies; false at end of stream, when shutting down or giving up a body. */
    private boolean fill() throws IOException {
        if (completion != null && oversizeDrain.exhausted(decoder.mode(), session)) {
            endReason = "message over the size limit by more than the oversize drain (" + settings.oversizeDrain()
                    + " octets)";
            session.abortMessage();
            write(Replies.MESSAGE_TOO_BIG); // RFC 1870 6.1; the client is still sending, so the session ends here
            return false;
        }
        flush();
        if (readBuffer.hasRemaining()) {
            // ServerDecoder returns null only once it has consumed the buffer (it keeps partial lines itself)
            throw new IllegalStateException("decoder left " + readBuffer.remaining() + " bytes unread");
        }
        boolean boundary = atBoundary();
        readBuffer = completion != null ? bodyBuffer() : commandBuffer;
        readBuffer.clear();
        idle = boundary;
        // checked after idle is set: either this thread sees the shutdown or the shutdown sees this idle session
        if (boundary && context.server.isShuttingDown()) {
            endReason = "server shutdown";
            close(Replies.SHUTTING_DOWN, true);
            return false;
        }
        int n;
        try {
            n = read();
        } finally {
            idle = false;
        }
        if (n < 0) {
            readBuffer.limit(0);
            endReason = boundary ? "client closed without QUIT" : "client went away mid-transaction";
            return false;
        }
        readBuffer.limit(n);
        if (completion != null) {
            oversizeDrain.read(decoder.mode(), n);
        }
        return true;
    }

    private ByteBuffer bodyBuffer() {
        if (bodyBuffer == null) {
            bodyBuffer = ByteBuffer.allocate(BODY_BUFFER);
        }
        return bodyBuffer;
    }

    /** One read into {@link #readBuffer}, within {@link #nextReadDeadline(long)} (enforced by ReadDeadlines). */
    private int read() throws IOException {
        return transport.read(readBuffer.array(), 0, readBuffer.capacity(), nextReadDeadline(System.nanoTime()));
    }

    /** Called by {@link ReadDeadlines} from its own thread: ends a read or TLS handshake whose deadline passed. */
    void expireRead(long now) {
        transport.expire(now, session.id());
    }

    /**
     * The {@code System.nanoTime()} deadline of the next read, which starts at {@code now}. Waiting for a command,
     * the idle timeout bounds the whole command line, not each read (RFC 5321 4.5.3.2.7: the server waits that long
     * for the next command), so a client that trickles a line a byte at a time (slow-loris) is cut off like an idle
     * one. A body has its own deadline, moved on by the data it delivers (minimum data rate); with the rate off,
     * each body read gets the idle timeout.
     */
    private long nextReadDeadline(long now) throws SocketTimeoutException {
        if (completion != null) {
            if (!bodyTimed) {
                return now + settings.idleTimeout().toNanos();
            }
            if (bodyDeadline - now <= 0) {
                throw new SocketTimeoutException("body slower than the minimum data rate");
            }
            return bodyDeadline;
        }
        if (!decoder.hasPartialInput()) {
            commandDeadline = now + settings.idleTimeout().toNanos(); // a new command line starts
        }
        // between the chunks of a BDAT message the body's deadline still runs
        long deadline = bodyTimed && bodyDeadline - commandDeadline < 0 ? bodyDeadline : commandDeadline;
        if (deadline - now <= 0) {
            throw new SocketTimeoutException("command line not complete within the idle timeout");
        }
        return deadline;
    }

    /** Waiting for a new command outside a transaction: a shutdown may close the session now. */
    private boolean atBoundary() {
        Phase phase = session.phase();
        return completion == null && pendingLine == null && (phase == Phase.CONNECTED || phase == Phase.GREETED)
                && !decoder.hasPartialInput();
    }

    private void write(Reply reply) throws IOException {
        output.write(reply);
    }

    private void flush() throws IOException {
        output.flush();
    }

    /** Best effort: buffered replies, then {@code reply}; the connection is ending anyway. */
    private void tryWrite(Reply reply) {
        try {
            write(reply);
            flush();
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send {}: {}", reply.code(), e.toString());
        }
    }

    /**
     * Called by the server on shutdown: closes the connection with {@code reply} if it waits idle for a command
     * outside a transaction ({@code force == false}), or in any case ({@code force == true}, after the grace
     * period).
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
            closeSocket();
        }
        return closed || closedByServer;
    }

    private void closeSocket() {
        transport.close();
    }

    private void runDisconnectHooks() {
        for (DisconnectHook hook : context.disconnectHooks) {
            try {
                hook.onDisconnect(session);
            } catch (RuntimeException e) {
                LOG.warn("disconnect hook {} failed", hook.getClass().getName(), e);
            }
        }
    }

    private String remote() {
        InetSocketAddress remote = session.remoteAddress();
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
