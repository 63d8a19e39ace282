package dev.pillarbox.smtp.plugins.examples.xstats;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code XSTATS}: a multi-line 250 reply with the server's counters, one {@code name value} pair per line:
 *
 * <pre>
 * 250-mx.example.org statistics
 * 250-sessions 12
 * 250-messages 3
 * 250-octets 4711
 * 250 uptime-seconds 3600
 * </pre>
 *
 * Takes no argument (501 5.5.4 otherwise). Valid in every phase, like NOOP: it changes nothing.
 */
@Singleton
final class XstatsHandler implements CommandHandler {

    static final Reply NO_ARGUMENT = Reply.of(501, "5.5.4", "XSTATS takes no argument");
    static final Reply AUTH_REQUIRED = Reply.of(530, "5.7.0", "Authentication required for XSTATS");

    private final ServerStatistics statistics;
    private final XstatsSettings settings;

    @Inject
    XstatsHandler(ServerStatistics statistics, XstatsSettings settings) {
        this.statistics = statistics;
        this.settings = settings;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        if (command.hasArgument()) {
            return Outcome.reply(NO_ARGUMENT);
        }
        if (settings.requireAuth() && session.authenticatedIdentity().isEmpty()) {
            return Outcome.reply(AUTH_REQUIRED); // RFC 4954 6: 530 5.7.0 before a successful AUTH
        }
        return Outcome.reply(Reply.multiline(250, List.of(
                session.serverName() + " statistics",
                "sessions " + statistics.sessions(),
                "messages " + statistics.messages(),
                "octets " + statistics.octets(),
                "uptime-seconds " + statistics.uptime().getSeconds())));
    }
}
