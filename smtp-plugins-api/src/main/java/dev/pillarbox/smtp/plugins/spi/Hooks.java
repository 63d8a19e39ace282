package dev.pillarbox.smtp.plugins.spi;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.Hook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** How the server and the extensions run a stage's hooks: in a fixed order, until the first decision. */
public final class Hooks {

    private Hooks() {
    }

    /**
     * The hooks of one stage in the order the server runs them: by {@link Hook#order()}, then by class name so that
     * the order is the same on every run whatever order Guice's set has.
     */
    public static <T extends Hook> List<T> inOrder(Collection<? extends T> hooks) {
        List<T> list = new ArrayList<>(hooks);
        list.sort(Comparator.<T>comparingInt(Hook::order).thenComparing(h -> h.getClass().getName()));
        return List.copyOf(list);
    }

    /**
     * Runs {@code hooks} in the given order (see {@link #inOrder}) until one answers anything but
     * {@link HookResult.Kind#CONTINUE}, and returns that answer, or {@link HookResult#next()} if all continued. This
     * is how the built-in verbs run a stage; extensions that add a stage entry point (e.g. BDAT's first chunk runs
     * the DATA hooks) use it too.
     */
    public static <T extends Hook> HookResult firstDecision(Iterable<T> hooks,
            Function<? super T, HookResult> stage) {
        for (T hook : hooks) {
            HookResult result = Objects.requireNonNull(stage.apply(hook), () -> hook.getClass().getName()
                    + " returned null instead of a HookResult");
            if (result.kind() != HookResult.Kind.CONTINUE) {
                return result;
            }
        }
        return HookResult.next();
    }

    /**
     * As {@link #firstDecision(Iterable, Function)}, and tells {@code events} how long the stage's hooks took (not
     * when there are none: then nothing ran).
     */
    public static <T extends Hook> HookResult firstDecision(Collection<T> hooks,
            Function<? super T, HookResult> stage, ServerEvents events, ServerEvents.HookStage timed) {
        if (hooks.isEmpty()) {
            return HookResult.next();
        }
        long start = System.nanoTime();
        try {
            return firstDecision(hooks, stage);
        } finally {
            events.hookStage(timed, System.nanoTime() - start);
        }
    }

    /**
     * The outcome of a refusing result: REJECT and DEFER answer with the hook's reply, DISCONNECT answers and
     * closes. Empty for CONTINUE, ACCEPT and DISCARD, when the caller goes on with its own positive path (a message
     * hook's DISCARD is the caller's to act on).
     */
    public static Optional<Outcome> refusal(HookResult result) {
        return switch (result.kind()) {
            case REJECT, DEFER -> Optional.of(Outcome.reply(result.reply().orElseThrow()));
            case DISCONNECT -> Optional.of(Outcome.replyThenClose(result.reply().orElseThrow()));
            case CONTINUE, ACCEPT, DISCARD -> Optional.empty();
        };
    }

    /** The hook's own positive reply for an ACCEPT that carries one, else {@code defaultReply}. */
    public static Reply replyOr(HookResult result, Reply defaultReply) {
        Objects.requireNonNull(defaultReply, "defaultReply");
        return result.kind() == HookResult.Kind.ACCEPT ? result.reply().orElse(defaultReply) : defaultReply;
    }
}
