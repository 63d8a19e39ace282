package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.codec.ServerDecoder;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.plugins.api.LineHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.SmtpRejection;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a session's handler code (verbs, challenge lines, body completions, delivery) under the exception ladder: a
 * rejection is its reply; an {@link UncheckedIOException} is {@code 451 4.3.0} and the session goes on; any other
 * exception is a bug, logged with its stack and answered {@code 421 4.3.0}, and the connection closes, never echoing
 * the exception text. Also keeps the one pending 334 challenge of an AUTH exchange.
 */
final class HandlerCalls {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerCalls.class);
    private static final Outcome IO_FAILURE = Outcome.reply(Replies.LOCAL_ERROR);

    private final ServerSession session;
    private final ServerDecoder decoder;
    private final Runnable onBug;
    private LineHandler pendingLine;

    HandlerCalls(ServerSession session, ServerDecoder decoder, Runnable onBug) {
        this.session = session;
        this.decoder = decoder;
        this.onBug = onBug;
    }

    /** The outcome of {@code command}'s handler. */
    Outcome dispatch(Dispatcher dispatcher, Command command) {
        return guarded(() -> dispatcher.dispatch(session, command));
    }

    /** The outcome of a body's completion. */
    Outcome complete(BodyReceiver.Finished finished) {
        return guarded(() -> finished.completion().complete(session, finished.result()));
    }

    /** The outcome of delivering the message just read. */
    Outcome deliver(Delivery delivery, MessageTransaction message) {
        return guarded(() -> delivery.deliver(session, message));
    }

    /** A 334 was sent: the next line goes, raw and at the AUTH line limit, to {@code next}. */
    void challenge(LineHandler next) {
        pendingLine = next;
        decoder.useAuthLineLimit(true);
    }

    /** True while a challenge waits for the client's line. */
    boolean awaitingLine() {
        return pendingLine != null;
    }

    /** The outcome of the pending challenge's handler for {@code line}. */
    Outcome line(String line) {
        LineHandler handler = pendingLine;
        cancelChallenge();
        return guarded(() -> handler.handle(session, line));
    }

    /** A bad line ends the exchange. */
    void cancelChallenge() {
        if (pendingLine != null) {
            pendingLine = null;
            decoder.useAuthLineLimit(false);
        }
    }

    private Outcome guarded(Supplier<Outcome> code) {
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
            return IO_FAILURE;
        } catch (RuntimeException e) {
            LOG.error("handler failed", e);
            onBug.run();
            return Outcome.replyThenClose(Replies.INTERNAL_ERROR_CLOSING);
        }
    }
}
