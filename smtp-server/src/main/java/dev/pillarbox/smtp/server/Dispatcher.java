package dev.pillarbox.smtp.server;

import com.google.inject.Injector;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Verb;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.VerbTrait;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The verb table, built once at start-up from Guice's bindings: verbs plugins add with {@link SmtpBinder#verb}
 * (a {@code MapBinder}), the replaceable verbs bound with {@link ExtensionPoints#defaultVerb} or
 * {@link SmtpBinder#replaceVerb}, and the unknown-verb fall-back. It is the one place where RFC 5321's
 * order rules are checked (through {@link CommandHandler#acceptedPhases()}), so no handler asks "was HELO sent?".
 */
final class Dispatcher {

    private final Map<String, CommandHandler> handlers;
    private final CommandHandler unknownVerb;
    private final Map<String, Set<VerbTrait>> traits;

    private Dispatcher(Map<String, CommandHandler> handlers, CommandHandler unknownVerb,
            Map<String, Set<VerbTrait>> traits) {
        this.handlers = Map.copyOf(handlers);
        this.unknownVerb = unknownVerb;
        this.traits = Map.copyOf(traits);
    }

    /**
     * Builds the table from {@code injector}.
     *
     * @throws IllegalStateException if a verb is added with {@link SmtpBinder#verb} that is also replaceable: a
     *     plugin must say it replaces a built-in verb
     */
    static Dispatcher from(Injector injector) {
        Map<String, CommandHandler> added = ExtensionPoints.addedVerbs(injector);
        Set<String> replaceable = ExtensionPoints.replaceableVerbs(injector);
        Set<String> collisions = new TreeSet<>(added.keySet());
        collisions.retainAll(replaceable);
        if (!collisions.isEmpty()) {
            String verb = collisions.iterator().next();
            throw new IllegalStateException("verb " + verb + " is built in (or default-bound) and cannot be added"
                    + " with SmtpBinder.verb; use SmtpBinder.replaceVerb(binder(), \"" + verb + "\") to replace it"
                    + (collisions.size() > 1 ? " (also: " + collisions + ")" : ""));
        }
        Map<String, CommandHandler> table = new HashMap<>(added);
        for (String verb : replaceable) {
            table.put(verb, injector.getInstance(ExtensionPoints.verbKey(verb)));
        }
        CommandHandler unknown = injector.getInstance(ExtensionPoints.unknownVerbKey());
        return new Dispatcher(table, unknown, ExtensionPoints.verbTraits(injector));
    }

    /** Runs the handler of {@code command}'s verb, or answers 503 5.5.1 when the session is in the wrong phase. */
    Outcome dispatch(Session session, Command command) {
        CommandHandler handler = handlers.getOrDefault(command.verb().name(), unknownVerb);
        if (!handler.acceptedPhases().contains(session.phase())) {
            return Outcome.reply(Replies.BAD_SEQUENCE);
        }
        return handler.handle(session, command);
    }

    /** What the module that defines {@code verb} declared about it for the connection loop. */
    Set<VerbTrait> traits(Verb verb) {
        return traits.getOrDefault(verb.name(), Set.of());
    }

    /** The verbs in the table, sorted. */
    Set<String> verbs() {
        return new TreeSet<>(handlers.keySet());
    }
}
