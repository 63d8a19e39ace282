package dev.pillarbox.smtp.plugins.api;

/**
 * A stage hook. Guice does not order set elements across modules, so the server runs the hooks of a stage sorted by
 * {@code (order(), class name)}, lowest first. A hook says where it runs with a named {@link #position()}
 * ({@link HookPosition#NORMAL} unless it overrides it); {@link #order()} follows from the position. Hooks are
 * singletons shared by all sessions; keep per-session state in session attributes and per-transaction state in
 * transaction attributes.
 */
public interface Hook {

    /** Where the hook runs among the hooks of its stage; {@link HookPosition#NORMAL} by default. */
    default HookPosition position() {
        return HookPosition.NORMAL;
    }

    /**
     * The number the server sorts by: the position's ({@link HookPosition#order()}). Overriding it with a number of
     * one's own is still possible (between two positions, say), but a named position says more.
     */
    default int order() {
        return position().order();
    }
}
