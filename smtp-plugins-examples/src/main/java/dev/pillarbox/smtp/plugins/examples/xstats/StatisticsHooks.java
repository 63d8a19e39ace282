package dev.pillarbox.smtp.plugins.examples.xstats;

import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Feeds {@link ServerStatistics}: counts sessions at connect and messages after the body. Both hooks only
 * watch ({@link HookResult#next()}), so they never change what the client is told.
 */
final class StatisticsHooks {

    private StatisticsHooks() {
    }

    /** Counts every session that reaches the connect stage. */
    @Singleton
    static final class CountSessions implements ConnectHook {
        private final ServerStatistics statistics;

        @Inject
        CountSessions(ServerStatistics statistics) {
            this.statistics = statistics;
        }

        @Override
        public int order() {
            return 0; // first: count the session even if a later hook (e.g. rate-limit) refuses it
        }

        @Override
        public HookResult onConnect(SessionView session) {
            statistics.sessionOpened();
            return HookResult.next();
        }
    }

    /**
     * Counts messages. It runs last among the message hooks, so a message another hook refused or deferred is
     * not counted; a hook that answers ACCEPT before it (e.g. http-delivery) skips it.
     */
    @Singleton
    static final class CountMessages implements MessageHook {
        private final ServerStatistics statistics;

        @Inject
        CountMessages(ServerStatistics statistics) {
            this.statistics = statistics;
        }

        @Override
        public int order() {
            return Integer.MAX_VALUE;
        }

        @Override
        public HookResult onMessage(SessionView session, Message message) {
            statistics.messageAccepted(message.size());
            return HookResult.next();
        }
    }
}
