package dev.pillarbox.smtp.plugins.api;

/**
 * A stage hook. Guice does not order set elements across modules, so every hook states its position:
 * the server runs the hooks of a stage sorted by {@code (order(), class name)}, lowest first.
 * Hooks are singletons shared by all sessions; keep per-session state in session attributes.
 */
public interface Hook {

    /** Position among the hooks of the same stage; lower runs first. Built-in hooks use multiples of 100. */
    int order();
}
