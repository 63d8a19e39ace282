package dev.pillarbox.smtp.plugins.examples.xstats;

import dev.pillarbox.smtp.plugins.api.AcceptedMessage;
import dev.pillarbox.smtp.plugins.api.AfterStoreHook;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
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
        public HookPosition position() {
            return HookPosition.FIRST; // count the session even if a later hook (e.g. rate-limit) refuses it
        }

        @Override
        public HookResult onConnect(SessionView session) {
            statistics.sessionOpened();
            return HookResult.next();
        }
    }

    /**
     * Counts messages after they were stored: a message a hook refused, or whose commit failed with 451, is not
     * counted, and one a hook accepted early (e.g. http-delivery) is.
     */
    @Singleton
    static final class CountMessages implements AfterStoreHook {
        private final ServerStatistics statistics;

        @Inject
        CountMessages(ServerStatistics statistics) {
            this.statistics = statistics;
        }

        @Override
        public void afterStore(SessionView session, AcceptedMessage accepted) {
            statistics.messageAccepted(accepted.octets());
        }
    }
}
