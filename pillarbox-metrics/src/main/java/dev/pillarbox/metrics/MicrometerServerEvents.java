package dev.pillarbox.metrics;

import com.google.inject.Provider;
import com.google.inject.name.Named;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The server's events as Micrometer meters (names and meanings in {@code docs/operations.md}). Every meter an event
 * touches is resolved ahead: per verb and per protocol error when the server is wired, per listener when it starts
 * listening, per reply code the first time the code is written. An event then costs a map or array lookup and an
 * increment, never a tag lookup or an allocation. Label values never come from client input unchecked: verbs the
 * server does not answer are counted under {@code verb="unknown"}.
 */
@Singleton
final class MicrometerServerEvents implements ServerEvents {

    /** The verb label of commands nobody answers: client input must not make new series. */
    static final String UNKNOWN_VERB = "unknown";

    // commit latency buckets: a Maildir fsync takes about a millisecond on a quiet SSD, seconds on a sick disk
    private static final Duration[] COMMIT_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    // message sizes: 1 KiB to 64 MiB by powers of four
    private static final double[] SIZE_BUCKETS = {1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216,
        67108864};

    private final MeterRegistry registry;
    private final Map<String, Counter> commands;
    private final Counter unknownCommands;
    private final AtomicReferenceArray<Counter> replies = new AtomicReferenceArray<>(400);
    private final AtomicReferenceArray<Counter> messages = new AtomicReferenceArray<>(400);
    private final Counter[] protocolErrors;
    private final Timer[] hookStages;
    private final Counter receivedBytes;
    private final DistributionSummary messageSizes;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final Map<String, Timer[]> commits = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> authentications = new ConcurrentHashMap<>();

    @Inject
    MicrometerServerEvents(MeterRegistry registry, Map<String, Provider<CommandHandler>> addedVerbs,
            @Named(ExtensionPoints.REPLACEABLE_VERBS) Set<String> replaceableVerbs) {
        this.registry = registry;
        Set<String> verbs = new TreeSet<>(addedVerbs.keySet());
        verbs.addAll(replaceableVerbs);
        Map<String, Counter> byVerb = new HashMap<>();
        for (String verb : verbs) {
            byVerb.put(verb, commandCounter(verb));
        }
        this.commands = Map.copyOf(byVerb);
        this.unknownCommands = commandCounter(UNKNOWN_VERB);
        ProtocolError[] kinds = ProtocolError.values();
        this.protocolErrors = new Counter[kinds.length];
        for (ProtocolError kind : kinds) {
            protocolErrors[kind.ordinal()] = Counter.builder("smtp.protocol.errors")
                    .description("Protocol errors by kind").tag("kind", label(kind)).register(registry);
        }
        HookStage[] stages = HookStage.values();
        this.hookStages = new Timer[stages.length];
        for (HookStage stage : stages) {
            hookStages[stage.ordinal()] = Timer.builder("smtp.hook.stage")
                    .description("Time spent running a stage's hooks, until the first decision")
                    .tag("stage", label(stage)).register(registry);
        }
        this.receivedBytes = Counter.builder("smtp.received").baseUnit("bytes")
                .description("Body octets of messages read to their end, accepted or not").register(registry);
        this.messageSizes = DistributionSummary.builder("smtp.message.size").baseUnit("bytes")
                .description("Body sizes of messages read to their end").serviceLevelObjectives(SIZE_BUCKETS)
                .register(registry);
        commitTimers(ServerEvents.STORE);
    }

    private Counter commandCounter(String verb) {
        return Counter.builder("smtp.commands").description("Commands received, by verb")
                .tag("verb", verb).register(registry);
    }

    @Override
    public void listening(String listener) {
        listener(listener);
    }

    @Override
    public void connectionOpened(String listener) {
        Listener meters = listener(listener);
        meters.opened.increment();
        meters.open.incrementAndGet();
    }

    @Override
    public void connectionRefused(String listener, ConnectionRefusal reason) {
        listener(listener).refused[reason.ordinal()].increment();
    }

    @Override
    public void connectionClosed(String listener) {
        listener(listener).open.decrementAndGet();
    }

    @Override
    public void command(String verb) {
        Counter counter = commands.get(verb);
        (counter != null ? counter : unknownCommands).increment();
    }

    @Override
    public void reply(int code) {
        Counter counter = replies.get(code - 200);
        if (counter == null) {
            counter = Counter.builder("smtp.replies").description("Replies sent, by code and class")
                    .tag("code", Integer.toString(code)).tag("class", code / 100 + "xx").register(registry);
            replies.set(code - 200, counter); // the registry returns the same counter to a racing thread
        }
        counter.increment();
    }

    @Override
    public void protocolError(ProtocolError kind) {
        protocolErrors[kind.ordinal()].increment();
    }

    @Override
    public void message(int code, long octets) {
        Counter counter = messages.get(code - 200);
        if (counter == null) {
            counter = Counter.builder("smtp.messages")
                    .description("Messages read to their end, by final reply: accepted, deferred or refused")
                    .tag("result", code < 400 ? "accepted" : code < 500 ? "deferred" : "refused")
                    .tag("code", Integer.toString(code)).register(registry);
            messages.set(code - 200, counter);
        }
        counter.increment();
        receivedBytes.increment(octets);
        messageSizes.record(octets);
    }

    @Override
    public void commit(String target, long nanos, boolean succeeded) {
        Timer[] timers = commits.get(target);
        if (timers == null) {
            timers = commitTimers(target);
        }
        timers[succeeded ? 0 : 1].record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer[] commitTimers(String target) {
        return commits.computeIfAbsent(target, t -> new Timer[] {commitTimer(t, "ok"), commitTimer(t, "failed")});
    }

    private Timer commitTimer(String target, String result) {
        return Timer.builder("smtp.store.commit")
                .description("Time to commit a message durably into a store or delivery target")
                .tag("target", target).tag("result", result).serviceLevelObjectives(COMMIT_BUCKETS)
                .register(registry);
    }

    @Override
    public void tlsHandshake(String listener, String protocol) {
        listener(listener).handshake(protocol).increment();
    }

    @Override
    public void tlsHandshakeFailed(String listener, boolean timedOut) {
        Listener meters = listener(listener);
        (timedOut ? meters.tlsTimedOut : meters.tlsFailed).increment();
    }

    @Override
    public void authentication(String mechanism, boolean succeeded) {
        Counter[] counters = authentications.get(mechanism);
        if (counters == null) {
            counters = authentications.computeIfAbsent(mechanism,
                    m -> new Counter[] {authentication(m, "success"), authentication(m, "failure")});
        }
        counters[succeeded ? 0 : 1].increment();
    }

    private Counter authentication(String mechanism, String result) {
        return Counter.builder("smtp.auth").description("AUTH exchanges that ended, by mechanism and result")
                .tag("mechanism", mechanism).tag("result", result).register(registry);
    }

    @Override
    public void hookStage(HookStage stage, long nanos) {
        hookStages[stage.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }

    private Listener listener(String name) {
        Listener meters = listeners.get(name);
        return meters != null ? meters : listeners.computeIfAbsent(name, n -> new Listener(registry, n));
    }

    /** {@code PER_CLIENT_LIMIT} as {@code per_client_limit}: Prometheus label values in lower case. */
    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The meters of one listener. */
    private static final class Listener {
        final MeterRegistry registry;
        final String name;
        final Counter opened;
        final AtomicInteger open = new AtomicInteger(); // held here: a gauge keeps only a weak reference
        final Counter[] refused;
        final Counter tlsFailed;
        final Counter tlsTimedOut;
        final Map<String, Counter> handshakes = new ConcurrentHashMap<>();

        Listener(MeterRegistry registry, String name) {
            this.registry = registry;
            this.name = name;
            this.opened = Counter.builder("smtp.connections.opened")
                    .description("Connections that got a session, per listener").tag("listener", name)
                    .register(registry);
            Gauge.builder("smtp.connections.open", open, AtomicInteger::get)
                    .description("Connections open now, per listener").tag("listener", name).register(registry);
            ConnectionRefusal[] reasons = ConnectionRefusal.values();
            this.refused = new Counter[reasons.length];
            for (ConnectionRefusal reason : reasons) {
                refused[reason.ordinal()] = Counter.builder("smtp.connections.refused")
                        .description("Connections refused before or instead of the greeting, by reason")
                        .tag("listener", name).tag("reason", label(reason)).register(registry);
            }
            this.tlsFailed = tls("none", "failed");
            this.tlsTimedOut = tls("none", "timeout");
        }

        Counter handshake(String protocol) {
            Counter counter = handshakes.get(protocol);
            return counter != null ? counter : handshakes.computeIfAbsent(protocol, p -> tls(p, "ok"));
        }

        private Counter tls(String protocol, String result) {
            return Counter.builder("smtp.tls.handshakes")
                    .description("TLS handshakes (STARTTLS and implicit TLS), by protocol version and result")
                    .tag("listener", name).tag("protocol", protocol).tag("result", result).register(registry);
        }
    }
}
