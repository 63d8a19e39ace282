package dev.pillarbox.smtp.plugins.api;

import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import dev.pillarbox.smtp.core.Verb;
import java.util.Locale;
import javax.net.ssl.SSLContext;

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
 *   <li>Built-in verbs are {@code OptionalBinder} defaults ({@link #defaultVerb}); a plugin replaces one
 *       explicitly and deterministically with {@link #replaceVerb} ({@code setBinding}). Adding a built-in verb
 *       with {@link #verb} is a start-up error that says to use {@code replaceVerb}.</li>
 *   <li>Hooks are {@code Multibinder}s per stage; order comes from {@link Hook#order()}.</li>
 *   <li>The unknown-verb fall-back is an {@code OptionalBinder} qualified {@link UnknownVerb}.</li>
 * </ul>
 */
public final class SmtpBinder {

    private static final Key<Boolean> ENHANCED_STATUS_CODES =
            Key.get(Boolean.class, Names.named("smtp.enhancedStatusCodes"));

    private SmtpBinder() {
    }

    /** Adds a handler for a new verb, e.g. {@code verb(binder(), "XFOO").to(XfooHandler.class)}. */
    public static LinkedBindingBuilder<CommandHandler> verb(Binder binder, String verb) {
        return verbs(skip(binder)).addBinding(name(verb));
    }

    /** Binds a replaceable default handler for {@code verb}; used by the built-in verbs and extensions. */
    public static LinkedBindingBuilder<CommandHandler> defaultVerb(Binder binder, String verb) {
        String name = name(verb);
        Binder b = skip(binder);
        replaceableVerbs(b).addBinding().toInstance(name);
        return OptionalBinder.newOptionalBinder(b, verbKey(name)).setDefault();
    }

    /** Replaces the handler of a built-in (or otherwise default-bound) verb, e.g. MAIL or VRFY. */
    public static LinkedBindingBuilder<CommandHandler> replaceVerb(Binder binder, String verb) {
        String name = name(verb);
        Binder b = skip(binder);
        replaceableVerbs(b).addBinding().toInstance(name);
        return OptionalBinder.newOptionalBinder(b, verbKey(name)).setBinding();
    }

    /** Replaces the handler for verbs nobody bound (default: {@code 500 5.5.2 Syntax error, command unrecognized}). */
    public static LinkedBindingBuilder<CommandHandler> unknownVerb(Binder binder) {
        return OptionalBinder.newOptionalBinder(skip(binder), Key.get(CommandHandler.class, UnknownVerb.class))
                .setBinding();
    }

    /** Binds the default unknown-verb handler; used by the server's built-in module. */
    public static LinkedBindingBuilder<CommandHandler> defaultUnknownVerb(Binder binder) {
        return OptionalBinder.newOptionalBinder(skip(binder), Key.get(CommandHandler.class, UnknownVerb.class))
                .setDefault();
    }

    /** Adds a stage hook, e.g. {@code hook(binder(), RcptHook.class).to(Greylist.class)}. */
    public static <T extends Hook> LinkedBindingBuilder<T> hook(Binder binder, Class<T> stage) {
        return Multibinder.newSetBinder(skip(binder), stage).addBinding();
    }

    /** Adds an EHLO capability. */
    public static LinkedBindingBuilder<EhloCapability> capability(Binder binder) {
        return capabilities(skip(binder)).addBinding();
    }

    /** Declares that an enabled extension owns the MAIL FROM parameter {@code keyword} (else 555 5.5.4). */
    public static void mailParameter(Binder binder, String keyword) {
        Multibinder.newSetBinder(skip(binder), String.class, MailParameters.class).permitDuplicates()
                .addBinding().toInstance(keyword.toUpperCase(Locale.ROOT));
    }

    /** Declares that an enabled extension owns the RCPT TO parameter {@code keyword} (else 555 5.5.4). */
    public static void rcptParameter(Binder binder, String keyword) {
        Multibinder.newSetBinder(skip(binder), String.class, RcptParameters.class).permitDuplicates()
                .addBinding().toInstance(keyword.toUpperCase(Locale.ROOT));
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

    /**
     * Provides the TLS context for STARTTLS (RFC 3207). The server switches a connection to TLS only when a
     * handler answers {@link Outcome.RespondThenStartTls}, with a context bound here; the STARTTLS extension binds
     * both this and its verb. Unbound by default.
     */
    public static LinkedBindingBuilder<SSLContext> tlsContext(Binder binder) {
        return OptionalBinder.newOptionalBinder(skip(binder), SSLContext.class).setBinding();
    }

    /**
     * Declares that the server's replies carry RFC 3463 enhanced status codes (RFC 2034, ENHANCEDSTATUSCODES).
     * Bound by the ENHANCEDSTATUSCODES extension together with its EHLO keyword; when nothing binds it, the server
     * strips the codes from every reply it writes, so that a server that does not advertise the extension does not
     * use it. Harmless to call from several modules.
     */
    public static void enhancedStatusCodes(Binder binder) {
        OptionalBinder.newOptionalBinder(skip(binder), enhancedStatusCodesKey()).setBinding().toInstance(Boolean.TRUE);
    }

    /** The key {@link #enhancedStatusCodes} binds; the server keeps enhanced codes in replies iff it is bound. */
    public static Key<Boolean> enhancedStatusCodesKey() {
        return ENHANCED_STATUS_CODES;
    }

    /**
     * Declares every extension point so that the server can inject them even when no plugin adds anything;
     * called by the server's core module, harmless to call again.
     */
    public static void declareExtensionPoints(Binder binder) {
        verbs(binder);
        replaceableVerbs(binder);
        capabilities(binder);
        Multibinder.newSetBinder(binder, String.class, MailParameters.class).permitDuplicates();
        Multibinder.newSetBinder(binder, String.class, RcptParameters.class).permitDuplicates();
        allowances(binder);
        Multibinder.newSetBinder(binder, ConnectHook.class);
        Multibinder.newSetBinder(binder, HeloHook.class);
        Multibinder.newSetBinder(binder, MailHook.class);
        Multibinder.newSetBinder(binder, RcptHook.class);
        Multibinder.newSetBinder(binder, DataHook.class);
        Multibinder.newSetBinder(binder, MessageHook.class);
        Multibinder.newSetBinder(binder, DisconnectHook.class);
        OptionalBinder.newOptionalBinder(binder, SSLContext.class);
        OptionalBinder.newOptionalBinder(binder, ENHANCED_STATUS_CODES);
        OptionalBinder.newOptionalBinder(binder, Key.get(CommandHandler.class, UnknownVerb.class));
    }

    /** The key under which a replaceable verb's handler is bound. */
    public static Key<CommandHandler> verbKey(String verb) {
        return Key.get(CommandHandler.class, Names.named("smtp.verb." + name(verb)));
    }

    private static MapBinder<String, CommandHandler> verbs(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, CommandHandler.class);
    }

    private static Multibinder<CommandLineAllowance> allowances(Binder binder) {
        return Multibinder.newSetBinder(binder, CommandLineAllowance.class).permitDuplicates();
    }

    private static Multibinder<String> replaceableVerbs(Binder binder) {
        return Multibinder.newSetBinder(binder, String.class, ReplaceableVerbs.class).permitDuplicates();
    }

    private static Multibinder<EhloCapability> capabilities(Binder binder) {
        return Multibinder.newSetBinder(binder, EhloCapability.class);
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
