package dev.pillarbox.smtp.milter;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP session's conversation with one filter: a method per SMTP stage, each returning the filter's
 * {@link Decision}, and {@link #endOfMessage()} returning the changes it asks for as values. Follows Postfix's
 * {@code milter8.c}:
 *
 * <ul>
 *   <li>{@link #connect} opens the socket and negotiates (SMFIC_OPTNEG) before SMFIC_CONNECT; one socket per SMTP
 *       session, as libmilter expects;</li>
 *   <li>macros go before each event (SMFIC_MACRO), also for an event the filter asked not to get, so its later
 *       lookups work; events the filter's protocol version lacks are not sent; after SMFIR_SKIP, further events of
 *       the same kind are not sent;</li>
 *   <li>an event the filter negotiated no reply for (SMFIP_NR_*) waits in the output buffer and goes out with the
 *       next event that needs a reply;</li>
 *   <li>accept, reject or tempfail at connect or HELO holds for the whole connection; after MAIL it holds for the
 *       message;</li>
 *   <li>a filter that fails (cannot be reached, times out, closes, breaks the protocol) is closed and left out for
 *       the rest of the session: that and every later event return {@link Decision.Failed} with the configured
 *       default action.</li>
 * </ul>
 *
 * Blocks the calling thread for at most the configured timeouts. Not thread-safe: one SMTP session's thread
 * drives it. Close it when the SMTP session ends (SMFIC_QUIT).
 *
 * <p>This class sends the events and runs each exchange under its deadline; what the filter has decided so far is
 * {@link MilterState}'s, and {@link DecisionReader} reads the replies into decisions and changes.
 */
public final class MilterSession implements AutoCloseable {

    /** The largest body chunk: MILTER_CHUNK_SIZE of Sendmail's {@code mfdef.h}, as Postfix sends. */
    static final int BODY_CHUNK = 65535;

    private static final Logger log = LoggerFactory.getLogger(MilterSession.class);
    private static final byte[] NO_DATA = new byte[0];

    private final FilterConfig config;
    private final MacroLookup macros;
    private final DeadlineTimer timer;
    private final String name;

    private final MilterState state = new MilterState();
    private final BodyChunkBuffer chunk = new BodyChunkBuffer();

    private MilterConnection connection;
    private Negotiation negotiation;
    private DecisionReader replies;
    private byte[] readBuffer;

    MilterSession(FilterConfig config, MacroLookup macros, DeadlineTimer timer) {
        this.config = Objects.requireNonNull(config, "config");
        this.macros = Objects.requireNonNull(macros, "macros");
        this.timer = timer;
        this.name = config.name();
    }

    /** The filter's name: its socket as configured. */
    public String filter() {
        return name;
    }

    /** The negotiated options, once {@link #connect} got that far. */
    public Optional<Negotiation> negotiation() {
        return Optional.ofNullable(negotiation);
    }

    // ---------------------------------------------------------------- envelope stages

    /**
     * Connects to the filter, negotiates, and reports the SMTP client (SMFIC_CONNECT). The first call of a session.
     *
     * @throws IllegalStateException if called twice
     */
    public Decision connect(ConnectInfo client) {
        Objects.requireNonNull(client, "client");
        if (!state.isNew()) {
            throw new IllegalStateException("connect() is the first event of a milter session and comes once");
        }
        try {
            connection = MilterConnection.open(config.socket(), config.connectTimeout(), timer,
                    config.maxPacketLength());
        } catch (IOException e) {
            return fail(MilterConnection.describe(e));
        }
        state.opened();
        Decision failed = negotiate();
        if (failed != null) {
            return failed;
        }
        return event(Smfic.CONNECT, MacroStage.CONNECT, ProtocolOption.NO_CONNECT, ProtocolOption.NO_REPLY_CONNECT,
                client.encode(), config.commandTimeout());
    }

    /** Reports HELO or EHLO and its argument (SMFIC_HELO). */
    public Decision helo(String heloName) {
        Decision skip = state.skipEnvelope(false);
        if (skip != null) {
            return skip;
        }
        return event(Smfic.HELO, MacroStage.HELO, ProtocolOption.NO_HELO, ProtocolOption.NO_REPLY_HELO,
                EventData.strings(heloName), config.commandTimeout());
    }

    /**
     * Reports MAIL FROM (SMFIC_MAIL): {@code reversePath} as given, in angle brackets ({@code <a@example.org>},
     * {@code <>}), then each ESMTP parameter ({@code SIZE=1000}). Starts a new message; an earlier transaction not
     * ended by {@link #endOfMessage()} or {@link #abort()} is aborted first.
     */
    public Decision mail(String reversePath, List<String> parameters) {
        if (state.isOpen() && state.inTransaction()) {
            abort();
        }
        Decision skip = state.skipEnvelope(false);
        if (skip != null) {
            return skip;
        }
        state.startTransaction();
        return event(Smfic.MAIL, MacroStage.MAIL, ProtocolOption.NO_MAIL, ProtocolOption.NO_REPLY_MAIL,
                EventData.strings(reversePath, parameters), config.commandTimeout());
    }

    /** Reports RCPT TO (SMFIC_RCPT): {@code forwardPath} in angle brackets, then each ESMTP parameter. */
    public Decision rcpt(String forwardPath, List<String> parameters) {
        Decision skip = state.skipEnvelope(true);
        if (skip != null) {
            return skip;
        }
        return event(Smfic.RCPT, MacroStage.RCPT, ProtocolOption.NO_RCPT, ProtocolOption.NO_REPLY_RCPT,
                EventData.strings(forwardPath, parameters), config.commandTimeout());
    }

    /** Reports DATA (SMFIC_DATA), before the server answers 354. */
    public Decision data() {
        Decision skip = state.skipEnvelope(true);
        if (skip != null) {
            return skip;
        }
        return event(Smfic.DATA, MacroStage.DATA, ProtocolOption.NO_DATA, ProtocolOption.NO_REPLY_DATA, NO_DATA,
                config.commandTimeout());
    }

    /** Reports a command the server does not know (SMFIC_UNKNOWN), the whole line without CRLF. */
    public Decision unknown(String commandLine) {
        Decision skip = state.skipEnvelope(true);
        if (skip != null) {
            return skip;
        }
        return event(Smfic.UNKNOWN, MacroStage.UNKNOWN, ProtocolOption.NO_UNKNOWN, ProtocolOption.NO_REPLY_UNKNOWN,
                EventData.strings(commandLine), config.commandTimeout());
    }

    // ---------------------------------------------------------------- content stages

    /**
     * Reports one header field (SMFIC_HEADER). Without SMFIP_HDR_LEADSPC the filter gets the value without its
     * first space, as Sendmail and Postfix send it; folds go as bare LF.
     */
    public Decision header(HeaderField field) {
        Decision skip = state.skipContent();
        if (skip != null) {
            return skip;
        }
        if (negotiation.has(ProtocolOption.NO_HEADERS)) {
            return Decision.CONTINUE;
        }
        return state.content(event(Smfic.HEADER, MacroStage.END_OF_HEADERS, null, ProtocolOption.NO_REPLY_HEADER,
                EventData.header(field, negotiation.has(ProtocolOption.HEADER_LEADING_SPACE)),
                config.contentTimeout()));
    }

    /** Reports the end of the header section (SMFIC_EOH). */
    public Decision endOfHeaders() {
        Decision skip = state.skipContent();
        if (skip != null) {
            return skip;
        }
        if (negotiation.has(ProtocolOption.NO_END_OF_HEADERS)) {
            return Decision.CONTINUE;
        }
        return state.content(event(Smfic.EOH, MacroStage.END_OF_HEADERS, null, ProtocolOption.NO_REPLY_END_OF_HEADERS,
                NO_DATA, config.contentTimeout()));
    }

    /**
     * Passes body octets (after the empty line, CRLF line endings, dot-stuffing removed). They are gathered into
     * SMFIC_BODY chunks of at most 65,535 octets, which go out as they fill; the last goes at end of message.
     */
    public Decision body(ByteBuffer octets) {
        Decision skip = state.skipContent();
        if (skip != null) {
            octets.position(octets.limit());
            return skip;
        }
        if (negotiation.has(ProtocolOption.NO_BODY) || state.skipsBody()) {
            octets.position(octets.limit());
            return Decision.CONTINUE;
        }
        Decision d = Decision.CONTINUE;
        while (octets.hasRemaining()) {
            if (chunk.fill(octets)) {
                d = sendBodyChunk();
                if (!(d instanceof Decision.Continue)) {
                    octets.position(octets.limit());
                    return d;
                }
            }
        }
        return d;
    }

    /**
     * Ends the message (the last SMFIC_BODY chunk, then SMFIC_BODYEOB) and collects the filter's changes until its
     * decision. Changes the filter did not negotiate, and changes at any other stage, are protocol errors.
     */
    public EndOfMessage endOfMessage() {
        try {
            Decision skip = state.skipContent();
            if (skip != null) {
                return EndOfMessage.of(name, skip, state.quarantine());
            }
            if (!chunk.isEmpty()) {
                Decision d = sendBodyChunk();
                if (!(d instanceof Decision.Continue)) {
                    return EndOfMessage.of(name, d, state.quarantine());
                }
            }
            state.endSkip();
            connection.queue(macroPacket(Smfic.BODYEOB, MacroStage.END_OF_MESSAGE));
            connection.queue(MilterPacket.of(Smfic.BODYEOB.code()));
            return exchange(Smfic.BODYEOB, config.contentTimeout(), replies::awaitEndOfMessage,
                    failed -> EndOfMessage.of(name, failed, Optional.empty()));
        } finally {
            endTransaction();
        }
    }

    /**
     * Sends a whole message: each header field, end of headers, the body in chunks, end of message. Stops sending
     * as soon as the filter decides (reject, accept, discard...) or asks to skip the body.
     *
     * @throws IOException if the message's body cannot be read (a local problem, not the filter's)
     */
    public EndOfMessage message(MessageContent content) throws IOException {
        for (HeaderField h : content.headers()) {
            header(h);
            if (state.messageDone()) {
                break;
            }
        }
        if (!state.messageDone()) {
            endOfHeaders();
        }
        if (!state.messageDone() && !negotiation.has(ProtocolOption.NO_BODY)) {
            if (readBuffer == null) {
                readBuffer = new byte[8192];
            }
            byte[] buffer = readBuffer;
            try (InputStream in = content.body().open()) {
                int n;
                while (!state.messageDone() && !state.skipsBody()
                        && (n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    body(ByteBuffer.wrap(buffer, 0, n));
                }
            }
        }
        return endOfMessage();
    }

    // ---------------------------------------------------------------- resets

    /**
     * Ends the current transaction without a message (SMTP RSET, a rejected MAIL, a new MAIL): SMFIC_ABORT, which
     * needs no reply and goes out with the next packet.
     */
    public void abort() {
        if (state.isOpen()) {
            connection.queue(MilterPacket.of(Smfic.ABORT.code()));
            endTransaction();
        }
    }

    /** Ends the session: SMFIC_QUIT, then the socket is closed. Safe to call more than once. */
    @Override
    public void close() {
        if (state.isOpen()) {
            connection.queue(MilterPacket.of(Smfic.QUIT.code()));
            try (DeadlineTimer.Deadline d = connection.deadline(config.commandTimeout())) {
                connection.flush();
            } catch (IOException e) {
                log.debug("milter {}: SMFIC_QUIT not delivered: {}", name, MilterConnection.describe(e));
            }
        }
        if (connection != null) {
            connection.close();
        }
        state.closed();
    }

    // ---------------------------------------------------------------- the exchange

    private Decision negotiate() {
        connection.queue(Negotiation.offer(config.actions(), ProtocolOption.offered()));
        Decision failed = exchange(Smfic.OPTNEG, config.commandTimeout(), d -> {
            connection.flush();
            negotiation = Negotiation.parseReply(connection.read(), config.actions(), ProtocolOption.offered());
            return null;
        }, f -> f);
        if (failed == null) {
            log.debug("milter {}: negotiated {}", name, negotiation);
            replies = new DecisionReader(name, connection, negotiation, state, config.maxReplacedBody());
        }
        return failed;
    }

    /** Sends one event (with its macros) unless the filter does not want it, and waits for the reply if any. */
    private Decision event(Smfic event, MacroStage stage, ProtocolOption noSend, ProtocolOption noReply, byte[] data,
            Duration timeout) {
        return event(event, stage, noSend, noReply, data, data.length, timeout);
    }

    /** {@link #event} with the first {@code length} octets of {@code data}, which is copied at once. */
    private Decision event(Smfic event, MacroStage stage, ProtocolOption noSend, ProtocolOption noReply, byte[] data,
            int length, Duration timeout) {
        if (!negotiation.defines(event)) {
            return Decision.CONTINUE;
        }
        if (state.skips(event)) {
            return Decision.CONTINUE;
        }
        connection.queue(macroPacket(event, stage));
        if (noSend != null && negotiation.has(noSend)) {
            return flushIfFull(event, timeout);
        }
        connection.queue(event.code(), data, length);
        if (noReply != null && negotiation.has(noReply)) {
            return flushIfFull(event, timeout);
        }
        Decision d = exchange(event, timeout, deadline -> replies.awaitDecision(event, deadline), f -> f);
        if (!(d instanceof Decision.Continue)) {
            log.info("milter {}: {}: {}", name, event, d);
        }
        return d;
    }

    private Decision flushIfFull(Smfic event, Duration timeout) {
        if (!connection.shouldFlush()) {
            return Decision.CONTINUE;
        }
        return exchange(event, timeout, d -> {
            connection.flush();
            return Decision.CONTINUE;
        }, f -> f);
    }

    @FunctionalInterface
    private interface Exchange<T> {
        T run(DeadlineTimer.Deadline deadline) throws IOException, MilterProtocolException;
    }

    /** Runs {@code body} under a deadline; a failure of any kind fails the filter. */
    private <T> T exchange(Smfic event, Duration timeout, Exchange<T> body, Function<Decision.Failed, T> onFailure) {
        DeadlineTimer.Deadline deadline = connection.deadline(timeout);
        try {
            return body.run(deadline);
        } catch (IOException e) {
            if (deadline.expired()) {
                return onFailure.apply(fail("timed out after " + format(deadline.timeout()) + " at " + event));
            }
            if (e instanceof EOFException) {
                return onFailure.apply(fail(e.getMessage() + " at " + event));
            }
            return onFailure.apply(fail("I/O error at " + event + ": " + MilterConnection.describe(e)));
        } catch (MilterProtocolException e) {
            return onFailure.apply(fail(e.getMessage()));
        } finally {
            deadline.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private Decision sendBodyChunk() {
        int length = chunk.length();
        chunk.clear();
        return state.content(event(Smfic.BODY, MacroStage.END_OF_MESSAGE, null, ProtocolOption.NO_REPLY_BODY,
                chunk.buffer(), length, config.contentTimeout()));
    }

    private void endTransaction() {
        state.endTransaction();
        chunk.clear();
    }

    /**
     * SMFIC_MACRO for {@code event} with the macros of {@code stage}: the filter's own list for the stage wins over
     * the configured one (Postfix MILTER_MACRO_EVAL).
     */
    private MilterPacket macroPacket(Smfic event, MacroStage stage) {
        List<String> names = negotiation.macros().get(stage);
        if (names == null || names.isEmpty()) {
            names = config.macros().names(stage);
        }
        return EventData.macros(event, names, macros);
    }

    /** Failure: closes the socket and answers this and every later event with the default action. */
    private Decision.Failed fail(String reason) {
        Decision.Failed failed = new Decision.Failed(name, "filter failed: " + reason, config.defaultAction());
        log.warn("milter {}: {}; default action {}", name, failed.reason(), config.defaultAction());
        if (connection != null) {
            connection.close();
        }
        state.failed(failed);
        return failed;
    }

    /** A duration for messages: {@code 10s}, {@code 250ms}. */
    static String format(Duration d) {
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }
}
