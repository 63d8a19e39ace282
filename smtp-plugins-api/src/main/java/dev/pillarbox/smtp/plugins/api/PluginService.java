package dev.pillarbox.smtp.plugins.api;

import java.io.IOException;

/**
 * Background work a plugin runs while the server runs: a queue runner, a reloader. Bound with
 * {@link SmtpBinder#service}; the server calls {@link #start()} once when it starts, before its listeners accept
 * a connection, and {@link #close()} once when it stops, after the last session ended. Guice modules only bind:
 * threads are started here, never in a module or a constructor.
 */
public interface PluginService extends AutoCloseable {

    /**
     * Starts the work (threads, timers). Must return promptly.
     *
     * @throws IOException if the service cannot start: the server does not start, and says why
     */
    void start() throws IOException;

    /** Stops the work and waits (bounded) for it to end; never throws, called once. */
    @Override
    void close();
}
