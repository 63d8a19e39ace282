package dev.pillarbox.smtp.plugins.api;

/**
 * Runs when a mail transaction (an accepted MAIL FROM) ends without a stored message, with the reason: the
 * counterpart of {@link AfterStoreHook}, so that "transactions started" = stored + ended. For accounting and
 * cleanup; it cannot reply. An exception is logged and the next hook still runs.
 */
public interface TransactionEndedHook extends Hook {

    /**
     * The transaction of {@code envelope} ended for {@code reason}.
     *
     * @param session the session; its envelope is already the empty one
     * @param envelope the envelope of the transaction that ended
     */
    void onTransactionEnded(SessionView session, Envelope envelope, TransactionEnd reason);
}
