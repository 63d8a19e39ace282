package dev.pillarbox.smtp.plugins.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.CommandLineAllowance;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a plugin binds through {@link SmtpBinder} is what the server reads through {@link ExtensionPoints}: the two
 * classes share key names rather than types (the author's package must not depend on this one).
 */
class ExtensionPointsTest {

    private static final CommandHandler BUILT_IN = (session, command) -> Outcome.reply(Reply.of(250, "built-in"));
    private static final CommandHandler PLUGIN = (session, command) -> Outcome.reply(Reply.of(250, "plugin"));

    @Test
    void aReplacedVerbIsReadUnderTheVerbKeyAndListedAsReplaceable() {
        Injector injector = injector(new AbstractModule() {
            @Override
            protected void configure() {
                ExtensionPoints.defaultVerb(binder(), "MAIL").toInstance(BUILT_IN);
                SmtpBinder.replaceVerb(binder(), "mail").toInstance(PLUGIN);
            }
        });
        assertThat(injector.getInstance(ExtensionPoints.verbKey("MAIL"))).isSameAs(PLUGIN);
        assertThat(ExtensionPoints.replaceableVerbs(injector)).containsExactly("MAIL");
    }

    @Test
    void theUnknownVerbHandlerAPluginBindsReplacesTheDefault() {
        Injector injector = injector(new AbstractModule() {
            @Override
            protected void configure() {
                ExtensionPoints.defaultUnknownVerb(binder()).toInstance(BUILT_IN);
                SmtpBinder.unknownVerb(binder()).toInstance(PLUGIN);
            }
        });
        assertThat(injector.getInstance(ExtensionPoints.unknownVerbKey())).isSameAs(PLUGIN);
    }

    @Test
    void ownedParametersAndTheirAllowancesAreReadWhereTheServerLooks() {
        Injector injector = injector(new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.mailParameter(binder(), "size", 26);
                SmtpBinder.rcptParameter(binder(), "NOTIFY");
                SmtpBinder.verb(binder(), "XFOO").toInstance(PLUGIN);
            }
        });
        assertThat(strings(injector, ExtensionPoints.MAIL_PARAMETERS)).containsExactly("SIZE");
        assertThat(strings(injector, ExtensionPoints.RCPT_PARAMETERS)).containsExactly("NOTIFY");
        assertThat(ExtensionPoints.commandLineAllowances(injector))
                .containsExactly(CommandLineAllowance.of("MAIL", "SIZE", 26));
        assertThat(ExtensionPoints.addedVerbs(injector)).containsEntry("XFOO", PLUGIN);
    }

    @Test
    void enhancedStatusCodesAreOnlyWhenAModuleSaysSo() {
        assertThat(ExtensionPoints.enhancedStatusCodes(injector(new AbstractModule() { }))).isFalse();
        assertThat(ExtensionPoints.enhancedStatusCodes(injector(new AbstractModule() {
            @Override
            protected void configure() {
                ExtensionPoints.enhancedStatusCodes(binder());
            }
        }))).isTrue();
    }

    private static Injector injector(AbstractModule module) {
        return Guice.createInjector(binder -> ExtensionPoints.declare(binder), module);
    }

    private static Set<String> strings(Injector injector, String name) {
        return injector.getInstance(Key.get(new TypeLiteral<Set<String>>() { }, Names.named(name)));
    }
}
