package dev.pillarbox.smtp.plugins.examples.ratelimit;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;

/**
 * One class, two stages: a connection takes a token from the client's connection bucket (none left: 421 4.7.0
 * instead of the greeting, and close, RFC 5321 3.8), a MAIL FROM one from its mail bucket (none left: 450 4.7.1,
 * the client may retry later in the same session). The same singleton is bound to both hook sets.
 *
 * <p>Meters, registered in the server's {@link MeterRegistry} (Prometheus names): {@code ratelimit_refused_total} by
 * {@code stage} ({@code connect}, {@code mail}) and {@code ratelimit_clients} by {@code bucket} ({@code connections},
 * {@code mails}): the client addresses each bucket map tracks.
 */
@Singleton
final class RateLimiter implements ConnectHook, MailHook {

    private final RateLimitSettings settings;
    private final ClientBuckets connections;
    private final ClientBuckets mails;
    private final Counter refusedConnections;
    private final Counter deferredMails;

    @Inject
    RateLimiter(RateLimitSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.connections = new ClientBuckets(settings.connectionRate(), settings.connectionBurst(),
                settings.maxClients());
        this.mails = new ClientBuckets(settings.mailRate(), settings.mailBurst(), settings.maxClients());
        this.refusedConnections = refused(meters, "connect");
        this.deferredMails = refused(meters, "mail");
        tracked(meters, "connections", connections);
        tracked(meters, "mails", mails);
    }

    private static Counter refused(MeterRegistry meters, String stage) {
        return Counter.builder("ratelimit.refused").description("Connections and MAILs over the client's rate")
                .tag("stage", stage).register(meters);
    }

    private static void tracked(MeterRegistry meters, String bucket, ClientBuckets buckets) {
        Gauge.builder("ratelimit.clients", buckets, ClientBuckets::size)
                .description("Client addresses a bucket map tracks").tag("bucket", bucket).register(meters);
    }

    @Override
    public HookPosition position() {
        return HookPosition.EARLY; // refusing a flood should cost as little as possible
    }

    @Override
    public HookResult onConnect(SessionView session) {
        InetAddress client = session.remoteAddress().getAddress();
        if (!connections.tryTake(client, settings.clock().instant())) {
            refusedConnections.increment();
            return HookResult.disconnect(Reply.of(421, "4.7.0",
                    "Too many connections from " + client.getHostAddress() + ", slow down"));
        }
        return HookResult.next();
    }

    @Override
    public HookResult onMail(SessionView session, ReversePath reversePath, EsmtpParameters parameters) {
        InetAddress client = session.remoteAddress().getAddress();
        if (!mails.tryTake(client, settings.clock().instant())) {
            deferredMails.increment();
            return HookResult.defer(Reply.of(450, "4.7.1",
                    "Too many messages from " + client.getHostAddress() + ", try again later"));
        }
        return HookResult.next();
    }

    /** Clients tracked by each bucket map, for tests: {@code {connections, mails}}. */
    int[] trackedClients() {
        return new int[] {connections.size(), mails.size()};
    }
}
