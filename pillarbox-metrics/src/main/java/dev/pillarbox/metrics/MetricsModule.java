package dev.pillarbox.metrics;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Binds the {@link MeterRegistry} that plugins inject (a plugin that counts something takes it in its constructor
 * and registers its meters there) and, when metrics are on, {@link MicrometerServerEvents} as the server's events
 * observer. Made by {@link Metrics#module()}; only binds.
 */
final class MetricsModule extends AbstractModule {

    private final MeterRegistry registry;
    private final boolean observeServer;

    MetricsModule(MeterRegistry registry, boolean observeServer) {
        this.registry = registry;
        this.observeServer = observeServer;
    }

    @Override
    protected void configure() {
        bind(MeterRegistry.class).toInstance(registry);
        if (observeServer) {
            ExtensionPoints.serverEvents(binder()).to(MicrometerServerEvents.class);
        }
    }
}
