/**
 * Metrics for a Pillarbox server with Micrometer: {@link dev.pillarbox.metrics.Metrics} makes the registry
 * (Prometheus, or one that keeps nothing) and the Guice module that turns the server's
 * {@link dev.pillarbox.smtp.plugins.spi.ServerEvents} into meters and lets plugins inject the
 * {@link io.micrometer.core.instrument.MeterRegistry}. The engine, the plugin API and the extensions do not depend on
 * Micrometer; only this module and the plugins that register meters do.
 */
package dev.pillarbox.metrics;
