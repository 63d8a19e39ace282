package dev.pillarbox.smtp.plugins.examples.ratelimit;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.StateFailureMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.Optional;

/**
 * One class, two stages: a connection takes a token from the client's connection bucket (none left: 421 4.7.0
 * instead of the greeting, and close, RFC 5321 3.8), a MAIL FROM one from its mail bucket (none left: 450 4.7.1,
 * the client may retry later in the same session). The same singleton is bound to both hook sets.
 *
 * <p>The buckets live in this instance's memory, or in the shared {@link PolicyState} when one is bound, so a
 * client spreading its connections over several instances still has one bucket. When the shared state cannot
 * answer, {@code state-failure} decides: {@code open} lets the client through, {@code closed} answers
 * {@code 421 4.3.0} at connect and {@code 451 4.3.0} at MAIL.
 *
 * <p>Meters, registered in the server's {@link MeterRegistry} (Prometheus names): {@code ratelimit_refused_total} by
 * {@code stage} ({@code connect}, {@code mail}), {@code ratelimit_state_unavailable_total} by {@code stage}, and {@code ratelimit_clients} by {@code bucket} ({@code connections},
 * {@code mails}): the client addresses each bucket map tracks.
 */
@Singleton
final class RateLimiter implements ConnectHook, MailHook {


    private final RateLimitSettings settings;
    private final Buckets connections;
    private final Buckets mails;
    private final Counter refusedConnections;
    private final Counter deferredMails;
    private final Counter unavailableConnect;
    private final Counter unavailableMail;

    @Inject
    RateLimiter(RateLimitSettings settings, MeterRegistry meters, Optional<PolicyState> shared) {
        this.settings = settings;
        if (shared.isPresent()) {
            this.connections = new SharedBuckets(shared.get(), "connections", settings.connectionRate(),
                    settings.connectionBurst());
            this.mails = new SharedBuckets(shared.get(), "mails", settings.mailRate(), settings.mailBurst());
        } else {
            this.connections = new ClientBuckets(settings.connectionRate(), settings.connectionBurst(),
                    settings.maxClients());
            this.mails = new ClientBuckets(settings.mailRate(), settings.mailBurst(), settings.maxClients());
        }
        this.refusedConnections = refused(meters, "connect");
        this.deferredMails = refused(meters, "mail");
        this.unavailableConnect = unavailable(meters, "connect");
        this.unavailableMail = unavailable(meters, "mail");
        tracked(meters, "connections", connections);
        tracked(meters, "mails", mails);
    }

    private static Counter refused(MeterRegistry meters, String stage) {
        return Counter.builder("ratelimit.refused").description("Connections and MAILs over the client's rate")
                .tag("stage", stage).register(meters);
    }

    private static Counter unavailable(MeterRegistry meters, String stage) {
        return Counter.builder("ratelimit.state.unavailable")
                .description("Rate-limit decisions the shared state could not answer").tag("stage", stage)
                .register(meters);
    }

    private static void tracked(MeterRegistry meters, String bucket, Buckets buckets) {
        Gauge.builder("ratelimit.clients", buckets, Buckets::size)
                .description("Client addresses a bucket map tracks").tag("bucket", bucket).register(meters);
    }

    @Override
    public HookPosition position() {
        return HookPosition.EARLY; // refusing a flood should cost as little as possible
    }

    @Override
    public HookResult onConnect(SessionView session) {
        InetAddress client = session.remoteAddress().getAddress();
        boolean taken;
        try {
            taken = connections.tryTake(client, settings.clock().instant());
        } catch (PolicyStateException e) {
            unavailableConnect.increment();
            return unavailable(e, HookResult.disconnect(Reply.of(421, "4.3.0",
                    "Rate-limit state unavailable, try again later")));
        }
        if (!taken) {
            refusedConnections.increment();
            return HookResult.disconnect(Reply.of(421, "4.7.0",
                    "Too many connections from " + client.getHostAddress() + ", slow down"));
        }
        return HookResult.next();
    }

    @Override
    public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
        InetAddress client = session.remoteAddress().getAddress();
        boolean taken;
        try {
            taken = mails.tryTake(client, settings.clock().instant());
        } catch (PolicyStateException e) {
            unavailableMail.increment();
            return unavailable(e, HookResult.defer(Reply.of(451, "4.3.0",
                    "Rate-limit state unavailable, try again later")));
        }
        if (!taken) {
            deferredMails.increment();
            return HookResult.defer(Reply.of(450, "4.7.1",
                    "Too many messages from " + client.getHostAddress() + ", try again later"));
        }
        return HookResult.next();
    }

    /** The state store logs the outage once; the caller's meter counts each decision it could not make. */
    private HookResult unavailable(PolicyStateException e, HookResult closed) {
        return settings.stateFailure() == StateFailureMode.OPEN ? HookResult.next() : closed;
    }

    /** Clients tracked by each bucket map, for tests: {@code {connections, mails}}. */
    int[] trackedClients() {
        return new int[] {connections.size(), mails.size()};
    }
}
