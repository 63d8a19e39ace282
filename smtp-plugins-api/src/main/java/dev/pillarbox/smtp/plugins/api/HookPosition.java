package dev.pillarbox.smtp.plugins.api;

/**
 * Where a hook runs among the hooks of its stage, by name rather than by number: most hooks need no position at all
 * ({@link #NORMAL}, the default of {@link Hook#position()}). Hooks of one position run in the order of their class
 * names, so the order is the same on every run. The built-in hooks' positions are listed in the plugin guide.
 */
public enum HookPosition {

    /** Before everything else: syntax checks of ESMTP parameters, TLS requirements. */
    FIRST(-1000),
    /** Cheap checks that may refuse before costlier ones run: authentication, accepted domains, rate limits. */
    EARLY(-500),
    /** The default: policy that needs no particular place. */
    NORMAL(0),
    /** After the policy checks: e.g. delivery to another system from a message hook. */
    LATE(500),
    /** After everything else: accounting that should see only what all other hooks let through. */
    LAST(1000);

    private final int order;

    HookPosition(int order) {
        this.order = order;
    }

    /** The number {@link Hook#order()} returns for this position; hooks with a lower number run first. */
    public int order() {
        return order;
    }
}
