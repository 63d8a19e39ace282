package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.AcceptedMessage;
import dev.pillarbox.smtp.plugins.api.AfterStoreHook;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.TransactionEnd;
import dev.pillarbox.smtp.plugins.api.TransactionEndedHook;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two stages that end a transaction and cannot reply: after the store ({@link AfterStoreHook}, once the
 * required targets committed and the reply was sent) and a transaction ended without a message
 * ({@link TransactionEndedHook}). Every hook runs even when one before it failed; failures are logged, never
 * answered.
 */
final class TransactionStages {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionStages.class);

    /** No hooks: for sessions of tests that wire no server. */
    static final TransactionStages NONE = new TransactionStages(List.of(), List.of(), ServerEvents.NONE);

    private final List<AfterStoreHook> afterStore;
    private final List<TransactionEndedHook> ended;
    private final ServerEvents events;

    TransactionStages(Collection<AfterStoreHook> afterStore, Collection<TransactionEndedHook> ended,
            ServerEvents events) {
        this.afterStore = Hooks.inOrder(afterStore);
        this.ended = Hooks.inOrder(ended);
        this.events = events;
    }

    /** Whether any after-store hook is bound: without one, and without optional targets, nothing runs after a reply. */
    boolean hasAfterStore() {
        return !afterStore.isEmpty();
    }

    /** Runs the after-store hooks for {@code accepted}. */
    void afterStore(SessionView session, AcceptedMessage accepted) {
        if (afterStore.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        for (AfterStoreHook hook : afterStore) {
            try {
                hook.afterStore(session, accepted);
            } catch (RuntimeException e) {
                LOG.warn("after-store hook {} failed for message {} (the client was answered already)",
                        hook.getClass().getName(), accepted.queueId(), e);
            }
        }
        events.hookStage(ServerEvents.HookStage.AFTER_STORE, System.nanoTime() - start);
    }

    /** Runs the transaction-ended hooks for the transaction of {@code envelope}. */
    void transactionEnded(SessionView session, Envelope envelope, TransactionEnd reason) {
        if (ended.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        for (TransactionEndedHook hook : ended) {
            try {
                hook.onTransactionEnded(session, envelope, reason);
            } catch (RuntimeException e) {
                LOG.warn("transaction-ended hook {} failed", hook.getClass().getName(), e);
            }
        }
        events.hookStage(ServerEvents.HookStage.TRANSACTION_ENDED, System.nanoTime() - start);
    }
}
