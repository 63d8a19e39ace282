package dev.pillarbox.smtp.milter;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a session finds macro values: asked for each configured name at each stage, in braced form
 * ({@code {j}}, {@code {i}}, {@code {client_addr}}). A null answer means the macro has no value now and is not
 * sent, as Postfix does. Called on the session's thread just before each event, so it may read session state
 * that changes (the queue id {@code i} once MAIL is accepted, {@code {rcpt_addr}} per RCPT).
 */
@FunctionalInterface
public interface MacroLookup {

    /** The value of macro {@code name} (braced), or null when it has none. */
    String value(String name);

    /** A lookup with no values. */
    static MacroLookup none() {
        return name -> null;
    }

    /** A lookup over fixed values; keys may be braced or single characters ({@code j} or {@code {j}}). */
    static MacroLookup of(Map<String, String> values) {
        Map<String, String> braced = new HashMap<>();
        values.forEach((k, v) -> braced.put(MacroConfig.canonical(k), v));
        return braced::get;
    }
}
