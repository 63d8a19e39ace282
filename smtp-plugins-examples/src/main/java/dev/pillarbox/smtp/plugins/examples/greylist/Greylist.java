package dev.pillarbox.smtp.plugins.examples.greylist;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * The greylisting RCPT hook. A legitimate MTA retries a 4yz reply (RFC 5321 4.5.4.1); much bulk mail software
 * does not. The first RCPT of a new triplet gets {@code 451 4.7.1}; the same triplet after the delay passes and
 * is remembered for {@code confirmed-expiry}. Authenticated clients are never greylisted. Passing means
 * {@link HookResult#next()}, not ACCEPT: later RCPT hooks (a recipient directory) still decide.
 */
@Singleton
final class Greylist implements RcptHook {

    private final GreylistSettings settings;
    private final GreylistTable table;

    @Inject
    Greylist(GreylistSettings settings) {
        this.settings = settings;
        this.table = new GreylistTable(settings);
    }

    @Override
    public int order() {
        return 500; // after cheap recipient checks (order < 500): an unknown user gets 550, not a pointless 451
    }

    @Override
    public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
        if (session.authenticatedIdentity().isPresent()) {
            return HookResult.next();
        }
        ReversePath sender = session.envelope().reversePath().orElseThrow();
        Triplet triplet = Triplet.of(session.remoteAddress().getAddress(), sender, forwardPath);
        Instant now = settings.clock().instant();
        if (table.check(triplet, now) == GreylistTable.Verdict.DEFER) {
            return HookResult.defer(deferral(table.remaining(triplet, now)));
        }
        return HookResult.next();
    }

    /** {@code 451 4.7.1 Greylisted, please try again in 300 seconds}. */
    static Reply deferral(Duration remaining) {
        long seconds = Math.max(1, remaining.getSeconds() + (remaining.getNano() > 0 ? 1 : 0));
        return Reply.of(451, "4.7.1", "Greylisted, please try again in " + seconds
                + (seconds == 1 ? " second" : " seconds"));
    }

    /** The table, for tests. */
    GreylistTable table() {
        return table;
    }
}
