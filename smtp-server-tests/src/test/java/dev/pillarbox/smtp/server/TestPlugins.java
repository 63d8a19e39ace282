package dev.pillarbox.smtp.server;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/** Plugins registered for ServiceLoader in this module's test resources (not packaged in the test-jar). */
final class TestPlugins {

    private TestPlugins() {
    }

    /** Off unless named in the settings; answers {@code XPING} with the configured text. */
    public static final class XpingPlugin implements SmtpPlugin {
        @Override
        public String name() {
            return "test-xping";
        }

        @Override
        public String description() {
            return "answers XPING (test plugin)";
        }

        @Override
        public Module module(PluginSettings settings) {
            String text = settings.string("text", "pong");
            return new AbstractModule() {
                @Override
                protected void configure() {
                    SmtpBinder.verb(binder(), "XPING").toInstance((session, command) ->
                            Outcome.reply(Reply.of(250, "2.0.0", text)));
                }
            };
        }
    }

    /** On unless disabled; answers {@code XDEFAULT}. */
    public static final class XdefaultPlugin implements SmtpPlugin {
        @Override
        public String name() {
            return "test-xdefault";
        }

        @Override
        public String description() {
            return "answers XDEFAULT (test plugin, enabled by default)";
        }

        @Override
        public boolean enabledByDefault() {
            return true;
        }

        @Override
        public Module module(PluginSettings settings) {
            return new AbstractModule() {
                @Override
                protected void configure() {
                    SmtpBinder.verb(binder(), "XDEFAULT").toInstance((session, command) ->
                            Outcome.reply(Reply.of(250, "2.0.0", "default plugin")));
                }
            };
        }
    }
}
