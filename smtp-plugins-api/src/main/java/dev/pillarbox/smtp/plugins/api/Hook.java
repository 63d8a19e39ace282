package dev.pillarbox.smtp.plugins.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A stage hook. Guice does not order set elements across modules, so every hook states its position:
 * the server runs the hooks of a stage sorted by {@code (order(), class name)}, lowest first.
 * Hooks are singletons shared by all sessions; keep per-session state in session attributes.
 */
public interface Hook {

    /** Position among the hooks of the same stage; lower runs first. Built-in hooks use multiples of 100. */
    int order();

    /**
     * The hooks of one stage in the order the server runs them: by {@link #order()}, then by class name so that
     * the order is the same on every run whatever order Guice's set has.
     */
    static <T extends Hook> List<T> inOrder(Collection<? extends T> hooks) {
        List<T> list = new ArrayList<>(hooks);
        list.sort(Comparator.<T>comparingInt(Hook::order).thenComparing(h -> h.getClass().getName()));
        return List.copyOf(list);
    }
}
