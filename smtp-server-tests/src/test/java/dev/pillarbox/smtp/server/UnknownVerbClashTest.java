package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import org.junit.jupiter.api.Test;

/**
 * What docs/plugins.md promises when two plugins both replace the unknown-verb handler: the server does not start,
 * and Guice's error names both modules (and the line of each binding), so the operator knows which two to choose
 * between.
 */
class UnknownVerbClashTest {

    /** One plugin's module. */
    static final class FirstPluginModule extends AbstractModule {
        @Override
        protected void configure() {
            SmtpBinder.unknownVerb(binder()).toInstance((session, command) ->
                    Outcome.reply(Reply.of(502, "5.5.1", "first")));
        }
    }

    /** Another plugin's module. */
    static final class SecondPluginModule extends AbstractModule {
        @Override
        protected void configure() {
            SmtpBinder.unknownVerb(binder()).toInstance((session, command) ->
                    Outcome.reply(Reply.of(502, "5.5.1", "second")));
        }
    }

    @Test
    void twoReplacementsFailAtStartUpNamingBothModules() {
        assertThatThrownBy(() -> SmtpTestServer.start(new FirstPluginModule(), new SecondPluginModule()))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("[Guice/BindingAlreadySet]").hasMessageContaining("smtp.unknownVerb")
                .hasMessageContaining("UnknownVerbClashTest$FirstPluginModule.configure")
                .hasMessageContaining("UnknownVerbClashTest$SecondPluginModule.configure");
    }

    @Test
    void oneReplacementWins() {
        try (SmtpTestServer server = SmtpTestServer.start(new FirstPluginModule())) {
            assertThat(server.greeted().command("XYZZY")).hasToString("502 5.5.1 first");
        }
    }
}
