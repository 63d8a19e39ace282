package dev.pillarbox.smtp.extensions;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.server.ServerSettings;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.List;
import java.util.function.UnaryOperator;

/** Servers with the extensions found by plugin discovery, as an operator runs them, and small client helpers. */
final class ExtensionTesting {

    /** Every extension plugin, as named in the configuration. */
    static final List<String> PLUGINS = List.of("size", "8bitmime", "smtputf8", "enhancedstatuscodes", "chunking",
            "binarymime", "dsn", "lmtp");

    private ExtensionTesting() {
    }

    /**
     * A test server with plugin discovery on (every extension enabled by default is on) and the named plugins
     * switched off in the settings, as an operator would. Enhanced codes are left to the extension.
     */
    static SmtpTestServer serverWithout(String... disabled) {
        return server(s -> s, disabled);
    }

    /** As {@link #serverWithout}, with further settings. */
    static SmtpTestServer server(UnaryOperator<ServerSettings.Builder> change, String... disabled) {
        return SmtpTestServer.builder().enhancedStatusCodes(false).settings(s -> {
            ServerSettings.Builder settings = change.apply(s.discoverPlugins(true));
            for (String name : disabled) {
                settings = settings.pluginDisabled(name);
            }
            return settings;
        }).start();
    }

    /** As {@link #serverWithout}, with {@code plugin} enabled by name. */
    static SmtpTestServer serverWith(String plugin) {
        return server(s -> s.plugin(PluginSettings.empty(plugin)));
    }

    /** The EHLO keywords (lines after the server name) the server offers. */
    static List<String> ehloKeywords(SmtpTestServer server) {
        try (SmtpTestClient client = server.greeted()) {
            Reply reply = client.command("EHLO client.example");
            return reply.lines().subList(1, reply.lines().size());
        }
    }
}
