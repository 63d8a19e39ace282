package dev.pillarbox.smtp.extensions.chunking;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.plugins.api.BodyCompletion;
import dev.pillarbox.smtp.plugins.api.BodyResult;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.api.TransactionEnd;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * BDAT (RFC 3030 2): reads a chunk of exactly the announced size into the message, answers {@code 250 2.0.0 <n>
 * octets received}, and after the {@code LAST} chunk finishes the message with {@link Outcome#deliver()} (message
 * hooks, commit, {@code 250 2.0.0 OK: queued as <id>}, or one reply per recipient under LMTP).
 *
 * <p>Valid in every phase as far as the dispatcher goes, because RFC 3030 2 requires the chunk to be read even when
 * the command is refused ("the receiver-SMTP MUST still accept the chunk data"); otherwise its octets would be read
 * as commands. Without a recipient the chunk is read, discarded and answered {@code 503 5.5.1}. The first chunk of a
 * transaction runs the DATA hooks; a refusal is answered after its chunk and ends the transaction. A failed chunk
 * (too large: {@code 552 5.3.4}, store error: {@code 451 4.3.0}) ends the transaction too, so that the chunks the
 * client pipelined after it get 503 instead of being appended to nothing.
 */
@Singleton
final class BdatHandler implements CommandHandler {

    static final String BDAT = "BDAT";

    private static final BodyCompletion LAST = (session, body) -> Outcome.deliver();

    private final List<DataHook> hooks;
    private final ServerEvents events;

    @Inject
    BdatHandler(Set<DataHook> hooks, ServerEvents events) {
        this.hooks = Hooks.inOrder(hooks);
        this.events = events;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        Optional<BdatArguments> parsed = BdatArguments.parse(command.argument());
        if (parsed.isEmpty()) {
            return Outcome.reply(ExtensionReplies.BDAT_SYNTAX); // no size: nothing we could read
        }
        BdatArguments chunk = parsed.get();
        if (session.phase() != Phase.HAS_RCPT) {
            return drainThen(chunk, Replies.BAD_SEQUENCE);
        }
        Envelope envelope = session.envelope();
        if (!Chunking.usesBdat(envelope)) {
            // the first chunk: the DATA hooks see a BDAT transaction (BINARYMIME allows it, DATA-after-BDAT does not)
            session.envelope(envelope.withAttribute(Chunking.CHUNKS, 0));
            HookResult result = Hooks.firstDecision(hooks, hook -> hook.onData(session), events,
                    ServerEvents.HookStage.DATA);
            switch (result.kind()) {
                case DISCONNECT -> {
                    return Hooks.refusal(result).orElseThrow();
                }
                case REJECT, DEFER -> {
                    session.endTransaction(TransactionEnd.REJECTED);
                    return drainThen(chunk, result.reply().orElseThrow()); // answered after its chunk
                }
                case CONTINUE, ACCEPT, DISCARD -> { } // a discard is a message hook's: here a plain accept
            }
        }
        return Outcome.readChunk(chunk.size(), chunk.last() ? LAST : this::intermediate);
    }

    /** After a chunk that is not the last: 250, or the failure reply (which ends the transaction). */
    private Outcome intermediate(Session session, BodyResult body) {
        if (!body.ok()) {
            return Outcome.deliver(); // answers the violation and ends the transaction
        }
        Envelope envelope = session.envelope();
        session.envelope(envelope.withAttribute(Chunking.CHUNKS, Chunking.chunksReceived(envelope) + 1));
        return Outcome.reply(ExtensionReplies.chunkReceived(body.octets()));
    }

    /** RFC 3030 2: the chunk's octets are read (and discarded) before the refusal, to keep the stream in step. */
    private static Outcome drainThen(BdatArguments chunk, Reply reply) {
        return Outcome.readChunk(chunk.size(), (session, body) -> Outcome.reply(reply));
    }
}
