package dev.pillarbox.smtp.plugins.examples.greylist;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.StateFailureMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The greylisting RCPT hook. A legitimate MTA retries a 4yz reply (RFC 5321 4.5.4.1); much bulk mail software
 * does not. The first RCPT of a new triplet gets {@code 451 4.7.1}; the same triplet after the delay passes and
 * is remembered for {@code confirmed-expiry}. Authenticated clients are never greylisted. Passing means
 * {@link HookResult#next()}, not ACCEPT: later RCPT hooks (a recipient directory) still decide.
 *
 * <p>Triplets live in this instance's memory, or in the shared {@link PolicyState} when one is bound, so that a
 * retry through another instance behind the same load balancer passes. When the shared state cannot answer, the
 * {@code state-failure} mode decides: {@code open} passes the RCPT, {@code closed} answers {@code 451 4.3.0}.
 *
 * <p>Meters, registered in the server's {@link MeterRegistry} (Prometheus names): {@code greylist_verdicts_total}
 * by {@code verdict} ({@code defer}, {@code pass_first}, {@code pass}, {@code authenticated},
 * {@code state_unavailable}) and the {@code greylist_triplets} this instance's table remembers (-1 with shared state).
 */
@Singleton
final class Greylist implements RcptHook {

    private static final Reply STATE_UNAVAILABLE = Reply.of(451, "4.3.0",
            "Greylisting state unavailable, please try again later");

    private final GreylistSettings settings;
    private final TripletStore table;
    private final Counter[] verdicts;
    private final Counter authenticated;
    private final Counter unavailable;

    @Inject
    Greylist(GreylistSettings settings, MeterRegistry meters, Optional<PolicyState> shared) {
        this.settings = settings;
        this.table = shared.<TripletStore>map(state -> new SharedTriplets(state, settings))
                .orElseGet(() -> new GreylistTable(settings));
        PolicyState.GreylistVerdict[] all = PolicyState.GreylistVerdict.values();
        this.verdicts = new Counter[all.length];
        for (PolicyState.GreylistVerdict verdict : all) {
            verdicts[verdict.ordinal()] = verdictCounter(meters, verdict.name().toLowerCase(Locale.ROOT));
        }
        this.authenticated = verdictCounter(meters, "authenticated");
        this.unavailable = verdictCounter(meters, "state_unavailable");
        Gauge.builder("greylist.triplets", table, TripletStore::size)
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
        PolicyState.Greylisting decision;
        try {
            decision = table.decide(triplet, now);
        } catch (PolicyStateException e) {
            // the state store logs the outage once; a meter counts each decision it could not make
            unavailable.increment();
            return settings.stateFailure() == StateFailureMode.OPEN ? HookResult.next()
                    : HookResult.defer(STATE_UNAVAILABLE);
        }
        verdicts[decision.verdict().ordinal()].increment();
        if (decision.verdict() == PolicyState.GreylistVerdict.DEFER) {
            return HookResult.defer(deferral(decision.remaining()));
        }
        return HookResult.next();
    }

    /** {@code 451 4.7.1 Greylisted, please try again in 300 seconds}. */
    static Reply deferral(Duration remaining) {
        long seconds = Math.max(1, remaining.getSeconds() + (remaining.getNano() > 0 ? 1 : 0));
        return Reply.of(451, "4.7.1", "Greylisted, please try again in " + seconds
                + (seconds == 1 ? " second" : " seconds"));
    }

    /** The table, for tests (the in-memory one when no shared state is bound). */
    TripletStore table() {
        return table;
    }
}
