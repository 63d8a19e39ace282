package dev.pillarbox.smtp.plugins.spi;

import com.google.inject.Binder;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import dev.pillarbox.smtp.core.Verb;
import dev.pillarbox.smtp.plugins.api.AfterStoreHook;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.CommandLineAllowance;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.DeliveryTarget;
import dev.pillarbox.smtp.plugins.api.DisconnectHook;
import dev.pillarbox.smtp.plugins.api.EhloCapability;
import dev.pillarbox.smtp.plugins.api.HeloHook;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.PluginService;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.api.TransactionEndedHook;
import dev.pillarbox.smtp.plugins.api.UnknownCommandHook;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The server's side of {@link SmtpBinder}: it declares every extension point, binds the built-in defaults that
 * plugins may replace, and names the keys the server reads. Used by the server and by the extensions (STARTTLS's TLS
 * context, ENHANCEDSTATUSCODES), never needed by an ordinary plugin.
 *
 * <p>The names below are the ones {@link SmtpBinder} binds under: that class lives in the author's package, which
 * must not depend on this one, so the two share the names rather than a type (ExtensionPointsTest checks they
 * agree).
 */
public final class ExtensionPoints {

    /** The qualifier name of the {@code Set<String>} of MAIL FROM parameter keywords that enabled extensions own. */
    public static final String MAIL_PARAMETERS = "smtp.mailParameters";
    /** The qualifier name of the {@code Set<String>} of RCPT TO parameter keywords that enabled extensions own. */
    public static final String RCPT_PARAMETERS = "smtp.rcptParameters";
    /** The qualifier name of the {@code Set<String>} of verbs bound as replaceable defaults. */
    public static final String REPLACEABLE_VERBS = "smtp.replaceableVerbs";
    /** The qualifier name of the {@link CommandHandler} that answers verbs nobody bound. */
    public static final String UNKNOWN_VERB = "smtp.unknownVerb";

    private static final String VERB_PREFIX = "smtp.verb.";
    private static final String VERB_TRAITS = "smtp.verbTraits"; // "VERB TRAIT" strings
    private static final Key<Boolean> ENHANCED_STATUS_CODES =
            Key.get(Boolean.class, Names.named("smtp.enhancedStatusCodes"));
    private static final TypeLiteral<String> STRING = TypeLiteral.get(String.class);

    private ExtensionPoints() {
    }

    /**
     * Declares every extension point so that the server can inject them even when no plugin adds anything;
     * called by the server's core module, harmless to call again.
     */
    public static void declare(Binder binder) {
        MapBinder.newMapBinder(binder, String.class, CommandHandler.class);
        strings(binder, REPLACEABLE_VERBS);
        Multibinder.newSetBinder(binder, EhloCapability.class);
        strings(binder, MAIL_PARAMETERS);
        strings(binder, RCPT_PARAMETERS);
        Multibinder.newSetBinder(binder, CommandLineAllowance.class).permitDuplicates();
        Multibinder.newSetBinder(binder, ConnectHook.class);
        Multibinder.newSetBinder(binder, HeloHook.class);
        Multibinder.newSetBinder(binder, MailHook.class);
        Multibinder.newSetBinder(binder, RcptHook.class);
        Multibinder.newSetBinder(binder, DataHook.class);
        Multibinder.newSetBinder(binder, MessageHook.class);
        Multibinder.newSetBinder(binder, DisconnectHook.class);
        Multibinder.newSetBinder(binder, AfterStoreHook.class);
        Multibinder.newSetBinder(binder, TransactionEndedHook.class);
        Multibinder.newSetBinder(binder, UnknownCommandHook.class);
        Multibinder.newSetBinder(binder, PluginService.class);
        MapBinder.newMapBinder(binder, String.class, DeliveryTarget.class);
        OptionalBinder.newOptionalBinder(binder, SSLContext.class);
        OptionalBinder.newOptionalBinder(binder, ENHANCED_STATUS_CODES);
        OptionalBinder.newOptionalBinder(binder, unknownVerbKey());
        OptionalBinder.newOptionalBinder(binder, ServerEvents.class);
        traits(binder);
    }

    /** Declares that {@code verb} has {@code trait} (e.g. EHLO ends a pipeline group); see {@link VerbTrait}. */
    public static void verbTrait(Binder binder, String verb, VerbTrait trait) {
        traits(binder.skipSources(ExtensionPoints.class)).addBinding().toInstance(Verb.of(verb).name() + " " + trait);
    }

    /** The traits declared with {@link #verbTrait}, by verb name. */
    public static Map<String, Set<VerbTrait>> verbTraits(Injector injector) {
        Map<String, Set<VerbTrait>> traits = new HashMap<>();
        for (String declared : injector.getInstance(Key.get(new TypeLiteral<Set<String>>() { },
                Names.named(VERB_TRAITS)))) {
            int space = declared.indexOf(' ');
            traits.computeIfAbsent(declared.substring(0, space), verb -> EnumSet.noneOf(VerbTrait.class))
                    .add(VerbTrait.valueOf(declared.substring(space + 1)));
        }
        traits.replaceAll((verb, set) -> Set.copyOf(set));
        return Map.copyOf(traits);
    }

    /** Binds a replaceable default handler for {@code verb}; used by the built-in verbs and extensions. */
    public static LinkedBindingBuilder<CommandHandler> defaultVerb(Binder binder, String verb) {
        String name = Verb.of(verb).name();
        Binder b = binder.skipSources(ExtensionPoints.class);
        strings(b, REPLACEABLE_VERBS).addBinding().toInstance(name);
        return OptionalBinder.newOptionalBinder(b, verbKey(name)).setDefault();
    }

    /** Binds the default unknown-verb handler; used by the server's built-in module. */
    public static LinkedBindingBuilder<CommandHandler> defaultUnknownVerb(Binder binder) {
        return OptionalBinder.newOptionalBinder(binder.skipSources(ExtensionPoints.class), unknownVerbKey())
                .setDefault();
    }

    /**
     * Provides the TLS context for STARTTLS (RFC 3207). The server switches a connection to TLS only when a handler
     * answers {@code Outcome.RespondThenStartTls}, with a context bound here; the STARTTLS extension binds both this
     * and its verb. Unbound by default.
     */
    public static LinkedBindingBuilder<SSLContext> tlsContext(Binder binder) {
        return OptionalBinder.newOptionalBinder(binder.skipSources(ExtensionPoints.class), SSLContext.class)
                .setBinding();
    }

    /**
     * Binds the observer the server reports its work to (connections, commands, replies, messages...): the metrics
     * integration binds one. Unbound, the server reports to {@link ServerEvents#NONE}; {@code ServerEvents} is
     * injectable either way, e.g. by an extension that reports AUTH results.
     */
    public static LinkedBindingBuilder<ServerEvents> serverEvents(Binder binder) {
        return OptionalBinder.newOptionalBinder(binder.skipSources(ExtensionPoints.class), ServerEvents.class)
                .setBinding();
    }

    /** Binds {@link ServerEvents#NONE} as the observer unless a module binds one; the server's core module does. */
    public static void defaultServerEvents(Binder binder) {
        OptionalBinder.newOptionalBinder(binder.skipSources(ExtensionPoints.class), ServerEvents.class)
                .setDefault().toInstance(ServerEvents.NONE);
    }

    /**
     * Declares that the server's replies carry RFC 3463 enhanced status codes (RFC 2034, ENHANCEDSTATUSCODES).
     * Bound by the ENHANCEDSTATUSCODES extension together with its EHLO keyword; when nothing binds it, the server
     * strips the codes from every reply it writes, so that a server that does not advertise the extension does not
     * use it. Harmless to call from several modules.
     */
    public static void enhancedStatusCodes(Binder binder) {
        OptionalBinder.newOptionalBinder(binder.skipSources(ExtensionPoints.class), ENHANCED_STATUS_CODES)
                .setBinding().toInstance(Boolean.TRUE);
    }

    /** Whether a module called {@link #enhancedStatusCodes}: the server keeps enhanced codes in replies iff so. */
    public static boolean enhancedStatusCodes(Injector injector) {
        return injector.getExistingBinding(ENHANCED_STATUS_CODES) != null;
    }

    /** The key under which a replaceable verb's handler is bound. */
    public static Key<CommandHandler> verbKey(String verb) {
        return Key.get(CommandHandler.class, Names.named(VERB_PREFIX + Verb.of(verb).name()));
    }

    /** The key of the unknown-verb handler. */
    public static Key<CommandHandler> unknownVerbKey() {
        return Key.get(CommandHandler.class, Names.named(UNKNOWN_VERB));
    }

    /** The verbs bound as replaceable defaults (or replaced), each looked up under {@link #verbKey}. */
    public static Set<String> replaceableVerbs(Injector injector) {
        return injector.getInstance(Key.get(new TypeLiteral<Set<String>>() { }, Names.named(REPLACEABLE_VERBS)));
    }

    /** The verbs plugins added with {@link SmtpBinder#verb}, with their handlers. */
    public static Map<String, CommandHandler> addedVerbs(Injector injector) {
        return injector.getInstance(Key.get(new TypeLiteral<Map<String, CommandHandler>>() { }));
    }

    /** The delivery targets plugins provided with {@link SmtpBinder#deliveryTarget}, by name. */
    public static Map<String, DeliveryTarget> deliveryTargets(Injector injector) {
        return injector.getInstance(Key.get(new TypeLiteral<Map<String, DeliveryTarget>>() { }));
    }

    /** The services plugins bound with {@link SmtpBinder#service}, started and stopped with the server. */
    public static Set<PluginService> services(Injector injector) {
        return injector.getInstance(Key.get(new TypeLiteral<Set<PluginService>>() { }));
    }

    /** What the enabled extensions' parameters add to their verbs' command lines. */
    public static Set<CommandLineAllowance> commandLineAllowances(Injector injector) {
        return injector.getInstance(Key.get(new TypeLiteral<Set<CommandLineAllowance>>() { }));
    }

    private static Multibinder<String> traits(Binder binder) {
        return strings(binder, VERB_TRAITS);
    }

    private static Multibinder<String> strings(Binder binder, String name) {
        return Multibinder.newSetBinder(binder, Key.get(STRING, Names.named(name))).permitDuplicates();
    }
}
