package dev.pillarbox.smtp.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.pillarbox.metrics.Metrics;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the metrics add to one W1 message (smtp-source: MAIL, RCPT, DATA and a 1 KiB body on a reused HELO session,
 * into the reference server, whose MAIL and RCPT stages have hooks): the events the engine reports for it, into
 * {@link ServerEvents#NONE} ({@code observer=off}) or the Prometheus meters of pillarbox-metrics ({@code on}), wired
 * as the reference server wires them. Two threads on shared meters, as sessions share them. Score: ns per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
@Fork(1)
public class ServerEventsBenchmark {

    private static final CommandHandler NOTHING = (session, command) -> Outcome.reply(Replies.OK);

    @Param({"off", "on"})
    public String observer;

    private Metrics metrics;
    private ServerEvents events;

    /** Wires the observer as the server does: Guice, the verb table's names, the metrics module. */
    @Setup(Level.Trial)
    public void setUp() {
        metrics = observer.equals("on") ? Metrics.prometheus() : Metrics.off();
        Injector injector = Guice.createInjector(binder -> {
            ExtensionPoints.declare(binder);
            ExtensionPoints.defaultServerEvents(binder);
            for (String verb : new String[] {"HELO", "EHLO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT"}) {
                ExtensionPoints.defaultVerb(binder, verb).toInstance(NOTHING);
            }
        }, metrics.module());
        events = injector.getInstance(ServerEvents.class);
        events.listening("smtp");
    }

    /** Closes the registry. */
    @TearDown(Level.Trial)
    public void tearDown() {
        metrics.close();
    }

    /** The events of one message; the hook and commit times are fixed numbers, not measured here. */
    @Benchmark
    public void w1Message() {
        ServerEvents e = events;
        e.command("MAIL");
        e.hookStage(ServerEvents.HookStage.MAIL, 180);
        e.reply(250);
        e.command("RCPT");
        e.hookStage(ServerEvents.HookStage.RCPT, 240);
        e.reply(250);
        e.command("DATA");
        e.reply(354);
        e.commit(ServerEvents.STORE, 1_500, true);
        e.message(250, 1024);
        e.reply(250);
    }
}
