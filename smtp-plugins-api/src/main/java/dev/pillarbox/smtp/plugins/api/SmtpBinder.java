package dev.pillarbox.smtp.plugins.api;

import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import dev.pillarbox.smtp.core.Verb;
import java.util.Locale;

/**
 * The one helper a plugin module needs: it hides Guice's multibinding plumbing behind SMTP words.
 *
 * <pre>{@code
 * final class XstatsModule extends AbstractModule {
 *     protected void configure() {
 *         SmtpBinder.verb(binder(), "XSTATS").to(XstatsHandler.class);
 *         SmtpBinder.capability(binder()).toInstance(session -> Optional.of("XSTATS"));
 *         SmtpBinder.hook(binder(), RcptHook.class).to(Greylist.class);
 *         SmtpBinder.mailParameter(binder(), "SIZE");
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>New verbs are keys of a {@code MapBinder<String, CommandHandler>}: two modules adding the same verb
 *       fail at start-up with Guice's duplicate-key error, which names both modules.</li>
 *   <li>Built-in verbs are {@code OptionalBinder} defaults; a plugin replaces one explicitly and
 *       deterministically with {@link #replaceVerb} ({@code setBinding}). Adding a built-in verb with {@link #verb}
 *       is a start-up error that says to use {@code replaceVerb}.</li>
 *   <li>Hooks are {@code Multibinder}s per stage; order comes from {@link Hook#position()}.</li>
 *   <li>Delivery targets are keys of a {@code MapBinder<String, DeliveryTarget>} ({@link #deliveryTarget}).</li>
 *   <li>The unknown-verb fall-back is an {@code OptionalBinder} whose default answers {@code 500 5.5.2}.</li>
 * </ul>
 *
 * <p>The server's side of these bindings (declaring every extension point, the built-in defaults, the keys it reads
 * them under) is {@code dev.pillarbox.smtp.plugins.spi.ExtensionPoints}, which names the same keys.
 */
public final class SmtpBinder {

    // The names of the keys below are also ExtensionPoints' (package spi, which depends on this package and never
    // the other way round); ExtensionPointsTest binds through this class and reads through that one.
    private static final String VERB_PREFIX = "smtp.verb.";
    private static final String REPLACEABLE_VERBS = "smtp.replaceableVerbs";
    private static final String UNKNOWN_VERB = "smtp.unknownVerb";
    private static final String MAIL_PARAMETERS = "smtp.mailParameters";
    private static final String RCPT_PARAMETERS = "smtp.rcptParameters";

    private static final TypeLiteral<String> STRING = TypeLiteral.get(String.class);

    private SmtpBinder() {
    }

    /** Adds a handler for a new verb, e.g. {@code verb(binder(), "XFOO").to(XfooHandler.class)}. */
    public static LinkedBindingBuilder<CommandHandler> verb(Binder binder, String verb) {
        return MapBinder.newMapBinder(skip(binder), String.class, CommandHandler.class).addBinding(name(verb));
    }

    /** Replaces the handler of a built-in (or otherwise default-bound) verb, e.g. MAIL or VRFY. */
    public static LinkedBindingBuilder<CommandHandler> replaceVerb(Binder binder, String verb) {
        String name = name(verb);
        Binder b = skip(binder);
        strings(b, REPLACEABLE_VERBS).addBinding().toInstance(name);
        return OptionalBinder.newOptionalBinder(b, Key.get(CommandHandler.class, Names.named(VERB_PREFIX + name)))
                .setBinding();
    }

    /** Replaces the handler for verbs nobody bound (default: {@code 500 5.5.2 Syntax error, command unrecognized}). */
    public static LinkedBindingBuilder<CommandHandler> unknownVerb(Binder binder) {
        return OptionalBinder.newOptionalBinder(skip(binder), Key.get(CommandHandler.class, Names.named(UNKNOWN_VERB)))
                .setBinding();
    }

    /**
     * Declares that a module reads the shared {@link PolicyState}: inject {@code Optional<PolicyState>}, empty unless
     * a state store is configured. Any number of modules may declare it.
     */
    public static void usesPolicyState(Binder binder) {
        OptionalBinder.newOptionalBinder(skip(binder), PolicyState.class);
    }

    /** Binds the shared {@link PolicyState} (the server does, when a state store is configured). */
    public static LinkedBindingBuilder<PolicyState> policyState(Binder binder) {
        return OptionalBinder.newOptionalBinder(skip(binder), PolicyState.class).setBinding();
    }

    /** Adds a stage hook, e.g. {@code hook(binder(), RcptHook.class).to(Greylist.class)}. */
    public static <T extends Hook> LinkedBindingBuilder<T> hook(Binder binder, Class<T> stage) {
        return Multibinder.newSetBinder(skip(binder), stage).addBinding();
    }

    /**
     * Provides a delivery target under {@code name} (lower case, e.g. {@code "maildir"}), which the server's settings
     * may pick: {@code deliveryTarget(binder(), "queue").to(QueueTarget.class)}. Two modules providing the same name
     * fail at start-up with Guice's duplicate-key error naming both.
     */
    public static LinkedBindingBuilder<DeliveryTarget> deliveryTarget(Binder binder, String name) {
        return MapBinder.newMapBinder(skip(binder), String.class, DeliveryTarget.class)
                .addBinding(targetName(name));
    }

    /**
     * Checks a delivery target's name: lower-case letters, digits and dashes, starting with a letter, at most 64
     * characters, so that it can be a configuration value and a metrics label.
     *
     * @throws IllegalArgumentException naming the rule otherwise
     */
    public static String targetName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("delivery target name \"" + name + "\" must be lower-case letters,"
                    + " digits and dashes, starting with a letter, at most 64 characters");
        }
        return name;
    }

    /**
     * Adds a {@link PluginService}, started with the server and stopped with it:
     * {@code service(binder()).to(QueueRunner.class)}. Bind the class as a singleton when something else injects it.
     */
    public static LinkedBindingBuilder<PluginService> service(Binder binder) {
        return Multibinder.newSetBinder(skip(binder), PluginService.class).addBinding();
    }

    /** Adds an EHLO capability. */
    public static LinkedBindingBuilder<EhloCapability> capability(Binder binder) {
        return Multibinder.newSetBinder(skip(binder), EhloCapability.class).addBinding();
    }

    /** Declares that an enabled extension owns the MAIL FROM parameter {@code keyword} (else 555 5.5.4). */
    public static void mailParameter(Binder binder, String keyword) {
        strings(skip(binder), MAIL_PARAMETERS).addBinding().toInstance(keyword.toUpperCase(Locale.ROOT));
    }

    /** Declares that an enabled extension owns the RCPT TO parameter {@code keyword} (else 555 5.5.4). */
    public static void rcptParameter(Binder binder, String keyword) {
        strings(skip(binder), RCPT_PARAMETERS).addBinding().toInstance(keyword.toUpperCase(Locale.ROOT));
    }

    /**
     * Declares the MAIL FROM parameter {@code keyword} like {@link #mailParameter(Binder, String)}, and that it may
     * make the MAIL command line up to {@code lineAllowance} octets longer than the configured command-line limit
     * (RFC 5321 4.5.3.1.4), e.g. {@code mailParameter(binder(), "SIZE", 26)} (RFC 1870).
     */
    public static void mailParameter(Binder binder, String keyword, int lineAllowance) {
        mailParameter(binder, keyword);
        allowances(skip(binder)).addBinding().toInstance(CommandLineAllowance.of("MAIL", keyword, lineAllowance));
    }

    /**
     * Declares the RCPT TO parameter {@code keyword} like {@link #rcptParameter(Binder, String)}, and that it may
     * make the RCPT command line up to {@code lineAllowance} octets longer than the configured command-line limit
     * (RFC 5321 4.5.3.1.4).
     */
    public static void rcptParameter(Binder binder, String keyword, int lineAllowance) {
        rcptParameter(binder, keyword);
        allowances(skip(binder)).addBinding().toInstance(CommandLineAllowance.of("RCPT", keyword, lineAllowance));
    }

    private static Multibinder<String> strings(Binder binder, String name) {
        return Multibinder.newSetBinder(binder, Key.get(STRING, Names.named(name))).permitDuplicates();
    }

    private static Multibinder<CommandLineAllowance> allowances(Binder binder) {
        return Multibinder.newSetBinder(binder, CommandLineAllowance.class).permitDuplicates();
    }

    // Guice names the source of a binding from the stack: skip this class so that errors (e.g. a duplicate verb)
    // name the plugin module's configure() line, not SmtpBinder.
    private static Binder skip(Binder binder) {
        return binder.skipSources(SmtpBinder.class);
    }

    private static String name(String verb) {
        return Verb.of(verb).name();
    }
}
