package dev.pillarbox.metrics;

import com.google.inject.Module;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A server's metrics: a Micrometer {@link MeterRegistry} (Prometheus, with the JVM and process meters bound to it, or
 * one that keeps nothing when metrics are off) and the Guice {@link #module()} that lets the server report into it
 * and plugins inject it. Made by start-up code, not by a module, because binding the JVM meters starts listening for
 * GC notifications; {@link #close()} stops that.
 *
 * <pre>{@code
 * Metrics metrics = Metrics.prometheus();
 * SmtpServer server = SmtpServer.create(settings, storeModule, metrics.module());
 * ...
 * metrics.scrape(out); // the Prometheus text format, for GET /metrics
 * }</pre>
 */
public final class Metrics implements AutoCloseable {

    /** The content type of {@link #scrape}: the Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus; // null when off
    private final List<AutoCloseable> binders;

    private Metrics(MeterRegistry registry, PrometheusMeterRegistry prometheus, List<AutoCloseable> binders) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.binders = binders;
    }

    /** Metrics in a Prometheus registry, with the JVM's (memory, GC, threads, class loading) and the process's. */
    public static Metrics prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmGcMetrics gc = new JvmGcMetrics();
        for (MeterBinder binder : List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(), gc,
                new JvmThreadMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            binder.bindTo(registry);
        }
        return new Metrics(registry, registry, List.of(gc));
    }

    /**
     * Metrics off: the server reports nothing, and the registry plugins get gives them working meters that keep
     * nothing, so a plugin registers its meters the same way whether metrics are on or not.
     */
    public static Metrics off() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(MeterFilter.deny()); // denied meters are no-ops and are not kept
        return new Metrics(registry, null, List.of());
    }

    /** True unless made by {@link #off()}. */
    public boolean enabled() {
        return prometheus != null;
    }

    /** The registry the server's meters live in, and the one plugins inject. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Binds {@link MeterRegistry} for plugins and, unless metrics are off, the observer that turns the server's
     * events into meters. Install it in the server's injector ({@code SmtpServer.create(settings, ..., module)}).
     */
    public Module module() {
        return new MetricsModule(registry, enabled());
    }

    /**
     * Writes every meter in the Prometheus text format ({@link #CONTENT_TYPE}).
     *
     * @throws IllegalStateException when metrics are off
     */
    public void scrape(OutputStream out) throws IOException {
        if (prometheus == null) {
            throw new IllegalStateException("metrics are off: nothing to scrape");
        }
        prometheus.scrape(out);
    }

    /** Stops the JVM meters' GC listener and closes the registry. */
    @Override
    public void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + binder + " failed", e);
            }
        }
        registry.close();
    }
}
