package dev.pillarbox.smtp.plugins.examples.greylist;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The greylisting RCPT hook. A legitimate MTA retries a 4yz reply (RFC 5321 4.5.4.1); much bulk mail software
 * does not. The first RCPT of a new triplet gets {@code 451 4.7.1}; the same triplet after the delay passes and
 * is remembered for {@code confirmed-expiry}. Authenticated clients are never greylisted. Passing means
 * {@link HookResult#next()}, not ACCEPT: later RCPT hooks (a recipient directory) still decide.
 *
 * <p>Meters, registered in the server's {@link MeterRegistry} (Prometheus names): {@code greylist_verdicts_total}
 * by {@code verdict} ({@code defer}, {@code pass_first}, {@code pass}, {@code authenticated}) and the
 * {@code greylist_triplets} the table remembers.
 */
@Singleton
final class Greylist implements RcptHook {

    private final GreylistSettings settings;
    private final GreylistTable table;
    private final Counter[] verdicts;
    private final Counter authenticated;

    @Inject
    Greylist(GreylistSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.table = new GreylistTable(settings);
        GreylistTable.Verdict[] all = GreylistTable.Verdict.values();
        this.verdicts = new Counter[all.length];
        for (GreylistTable.Verdict verdict : all) {
            verdicts[verdict.ordinal()] = verdictCounter(meters, verdict.name().toLowerCase(Locale.ROOT));
        }
        this.authenticated = verdictCounter(meters, "authenticated");
        Gauge.builder("greylist.triplets", table, GreylistTable::size)
                .description("Triplets the greylist remembers, waiting or confirmed").register(meters);
    }

    private static Counter verdictCounter(MeterRegistry meters, String verdict) {
        return Counter.builder("greylist.verdicts").description("Greylist decisions on RCPT, by verdict")
                .tag("verdict", verdict).register(meters);
    }

    @Override
    public HookPosition position() {
        return HookPosition.NORMAL; // after cheap recipient checks (EARLY): an unknown user gets 550, not a 451
    }

    @Override
    public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
        if (session.authenticatedIdentity().isPresent()) {
            authenticated.increment();
            return HookResult.next();
        }
        ReversePath sender = session.envelope().reversePath().orElseThrow();
        Triplet triplet = Triplet.of(session.remoteAddress().getAddress(), sender, forwardPath);
        Instant now = settings.clock().instant();
        GreylistTable.Verdict verdict = table.check(triplet, now);
        verdicts[verdict.ordinal()].increment();
        if (verdict == GreylistTable.Verdict.DEFER) {
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
