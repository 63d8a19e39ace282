package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.codec.BareLineEnding;
import dev.pillarbox.smtp.codec.CommandLine;
import dev.pillarbox.smtp.codec.InvalidCommandBytes;
import dev.pillarbox.smtp.codec.LineTooLong;
import dev.pillarbox.smtp.codec.ServerInbound;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.Verb;
import dev.pillarbox.smtp.plugins.api.BodyResult;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.TransactionEnd;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import dev.pillarbox.smtp.plugins.spi.VerbTrait;
import dev.pillarbox.smtp.server.verbs.ServerReplies;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP conversation of one connection, unit by decoded unit: a command line is parsed, dispatched to its
 * handler (through {@link HandlerCalls}, under the exception ladder) and checked for improper pipelining
 * ({@link PipeliningGuard}); body units go to the {@link BodyReceiver}, whose completion may deliver the
 * {@link MessageTransaction} ({@link Delivery}); the resulting {@link Outcome} is carried out: replies into the
 * {@link ReplyOutput}, a body or chunk started, TLS started ({@link Preamble}), a challenge awaited, or the end.
 * The socket and its reads are {@link SmtpConnection}'s.
 */
final class Conversation {

    private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);

    private final ServerContext context;
    private final ServerSession session;
    private final ConnectionInput input;
    private final ReplyOutput output;
    private final BodyReceiver body;
    private final PipeliningGuard pipelining;
    private final Preamble preamble;
    private final HandlerCalls handlers;
    private final ErrorBudget errors;
    private boolean closing;
    private String endReason = "client quit";

    Conversation(ServerContext context, ServerSession session, ConnectionInput input, ReplyOutput output,
            BodyReceiver body, Preamble preamble, String client) {
        this.context = context;
        this.session = session;
        this.input = input;
        this.output = output;
        this.body = body;
        this.preamble = preamble;
        ServerSettings settings = context.settings();
        this.pipelining = new PipeliningGuard(settings.pipelining(), input, client);
        this.handlers = new HandlerCalls(session, input.decoder(), () -> endReason = "internal error");
        this.errors = new ErrorBudget(output, settings.hardErrorLimit(), settings.junkCommandLimit());
    }

    /** True once the session must end (QUIT, a refusal, a limit); the connection then flushes and closes. */
    boolean closing() {
        return closing;
    }

    /** Why the session ended, for the connection's closing line. */
    String endReason() {
        return endReason;
    }

    /** The session ends for {@code reason} (a timeout, the client going away, a shutdown). */
    void end(String reason) {
        endReason = reason;
        closing = true;
    }

    /** Handles one decoded unit: a command (or a challenge's answer), or part of a body. */
    void accept(ServerInbound unit) throws IOException {
        if (body.receiving()) {
            BodyReceiver.Finished finished = body.accept(unit);
            if (finished != null) {
                apply(handlers.complete(finished), finished.message());
                if (session.phase() != Phase.HAS_RCPT) {
                    body.endDeadline(); // the message is over; a chunk in between keeps it
                }
            }
        } else {
            command(unit);
        }
        if (!closing && errors.exhausted()) {
            context.events().protocolError(ServerEvents.ProtocolError.ERROR_LIMIT);
            end("too many errors");
            output.write(Replies.TOO_MANY_ERRORS);
        }
    }

    /** Waiting for a new command outside a transaction: a shutdown may close the session now. */
    boolean atBoundary() {
        Phase phase = session.phase();
        return !body.receiving() && !handlers.awaitingLine() && (phase == Phase.CONNECTED || phase == Phase.GREETED)
                && !input.partialLine();
    }

    /** Runs the connect hooks and sends the greeting (or the hooks' refusal); false if the session ends here. */
    boolean greet() throws IOException {
        Reply greeting = ConnectionHooks.greeting(context.connectHooks(), session,
                ServerReplies.greeting(context.settings().hostname(), session.protocol()), context.events());
        if (!greeting.code().isPositive()) {
            context.events().connectionRefused(session.listenerName(), ServerEvents.ConnectionRefusal.CONNECT_HOOK);
            output.write(greeting); // RFC 5321 3.1: a server that refuses service may answer 554 instead of 220
            endReason = "refused at connect: " + greeting.code();
            return false;
        }
        // bytes before the greeting: a client that does not wait for 220 is a bot (Postfix's pregreet test); the
        // idle timeout bounds the pause as a whole (a TLS record trickled through it)
        long deadline = System.nanoTime() + context.settings().idleTimeout().toNanos();
        if (input.earlyBytes(context.settings().greetPause(), deadline)
                && improper("client talked before the greeting")) {
            return false;
        }
        output.write(greeting);
        return true;
    }

    private void command(ServerInbound unit) throws IOException {
        if (!(unit instanceof CommandLine line)) {
            handlers.cancelChallenge();
            output.write(badLine(unit));
            return;
        }
        if (handlers.awaitingLine()) { // RFC 4954 4: the line answers a 334 challenge; not a command, never logged
            apply(handlers.line(line.text()), null);
            return;
        }
        Command command;
        try {
            command = Command.parse(line.text());
        } catch (IllegalArgumentException e) {
            output.write(Replies.COMMAND_UNRECOGNIZED);
            return;
        }
        LOG.debug("<< {}", command.verb());
        context.events().command(command.verb().name());
        Set<VerbTrait> traits = context.dispatcher().traits(command.verb());
        if (!traits.contains(VerbTrait.FOLLOWED_BY_OCTETS)) {
            body.endDeadline(); // only the chunks of one message share a body deadline
        }
        if (command.verb() == Verb.MAIL) {
            session.mailStarting(); // a new MAIL starts with no transaction attributes
        }
        int errorsBefore = errors.mark();
        boolean pipeliningOffered = session.extended();
        Outcome outcome = handlers.dispatch(context.dispatcher(), command);
        String improper = pipelining.check(command.verb(), traits, outcome, pipeliningOffered);
        if (improper != null && outcome instanceof Outcome.RespondThenBody) {
            if (improper(improper)) {
                session.endTransaction(TransactionEnd.REJECTED); // refused instead of reading the body sent before 354
                return;
            }
            improper = null;
        }
        apply(outcome, null);
        if (improper != null) {
            improper(improper);
        }
        if (traits.contains(VerbTrait.JUNK)) {
            errors.junkCommand(session, errorsBefore);
        }
    }

    /** Improper pipelining: logged; under REJECT answered 554 5.5.0 and the session ends (returns true). */
    private boolean improper(String what) throws IOException {
        context.events().protocolError(ServerEvents.ProtocolError.IMPROPER_PIPELINING);
        if (!pipelining.refuses(what)) {
            return false;
        }
        output.write(Replies.IMPROPER_PIPELINING);
        end("improper pipelining: " + what);
        return true;
    }

    /** Does what a handler decided; {@code finished} is the message whose body was just read, for a delivery. */
    private void apply(Outcome outcome, MessageTransaction finished) throws IOException {
        if (outcome instanceof Outcome.Respond respond) {
            for (Reply reply : respond.replies()) {
                output.write(reply);
            }
        } else if (outcome instanceof Outcome.RespondThenBody then) {
            MessageTransaction message = MessageTransaction.open(context.targets(), session, context.clock());
            if (message.violation() != BodyResult.Violation.NONE) {
                output.write(Replies.LOCAL_ERROR); // the store cannot take it: no 354
                return;
            }
            session.startMessage(message);
            output.write(then.reply());
            output.flush(); // DATA ends a pipeline group: the client waits for 354
            body.startData(message, then.completion());
        } else if (outcome instanceof Outcome.ReadChunk chunk) {
            body.startChunk(MessageTransaction.forChunk(context.targets(), session, context.clock()), chunk.octets(),
                    chunk.completion());
        } else if (outcome instanceof Outcome.Deliver) {
            if (finished == null) {
                throw new IllegalStateException("Outcome.deliver() answers a body or chunk, not a command");
            }
            try {
                apply(handlers.deliver(context.delivery(), finished), null);
            } finally {
                afterReply();
            }
        } else if (outcome instanceof Outcome.RespondThenClose close) {
            output.write(close.reply());
            closing = true;
        } else if (outcome instanceof Outcome.RespondThenStartTls tls) {
            String failed = preamble.startTls(tls.reply(), output, input);
            if (failed != null) {
                end(failed);
            }
        } else if (outcome instanceof Outcome.Challenge challenge) {
            output.write(challenge.reply());
            handlers.challenge(challenge.next());
        }
    }

    /**
     * A stored message's optional targets and after-store hooks run once its reply is on the wire: they never delay
     * the 250, and a client that went away meanwhile does not keep them from running.
     */
    private void afterReply() throws IOException {
        if (!session.hasAfterReply()) {
            return;
        }
        try {
            output.flush();
        } finally {
            session.runAfterReply();
        }
    }

    private static Reply badLine(ServerInbound unit) {
        if (unit instanceof LineTooLong) {
            return Replies.LINE_TOO_LONG;
        } else if (unit instanceof BareLineEnding) {
            return Replies.INVALID_LINE_ENDING;
        } else if (unit instanceof InvalidCommandBytes) {
            return Replies.INVALID_COMMAND_BYTES;
        }
        throw new IllegalStateException("unexpected " + unit + " in command mode");
    }
}
