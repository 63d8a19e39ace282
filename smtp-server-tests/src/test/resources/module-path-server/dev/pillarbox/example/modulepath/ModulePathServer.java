package dev.pillarbox.example.modulepath;

import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.Envelope;
import dev.pillarbox.smtp.client.MessageBody;
import dev.pillarbox.smtp.client.SendResult;
import dev.pillarbox.smtp.client.SmtpClient;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.server.PluginDiscovery;
import dev.pillarbox.smtp.server.ServerSettings;
import dev.pillarbox.smtp.server.SmtpServer;
import java.util.List;
import java.util.TreeSet;

/**
 * Starts a server on 127.0.0.1 (a free port) with the plugins the engine's ServiceLoader finds, sends one message to it with the
 * client and prints what happened; exits 0 only if the message was stored. Prints one {@code key: value} line per
 * fact, which ModulePathServerTest reads.
 */
public final class ModulePathServer {

    private ModulePathServer() {
    }

    public static void main(String[] args) throws Exception {
        // the modules as the JVM resolved them: named ones, so this runs on the module path, not the class path
        System.out.println("server-module: " + SmtpServer.class.getModule().getName());
        System.out.println("guice-module: " + com.google.inject.Module.class.getModule().getName());
        // the engine's own discovery (its module declares the uses; this one need not)
        for (SmtpPlugin plugin : PluginDiscovery.available(ModulePathServer.class.getClassLoader()).values()) {
            System.out.println("plugin-module: " + plugin.name() + " " + plugin.getClass().getModule().getName());
        }
        MemoryStore store = new MemoryStore();
        ServerSettings settings = ServerSettings.builder().hostname("mx.module-path.example")
                .listeners(List.of(ListenerSettings.loopback())).build();
        try (SmtpServer server = SmtpServer.create(settings,
                binder -> binder.bind(MessageStore.class).toInstance(store)).start()) {
            System.out.println("plugins: " + String.join(",", server.enabledPlugins()));
            System.out.println("verbs: " + String.join(",", server.verbs()));
            SendResult result;
            try (SmtpClient client = SmtpClient.connect(server.boundAddress("smtp"), ClientSettings.defaults())) {
                System.out.println("ehlo-keywords: "
                        + String.join(",", new TreeSet<>(client.capabilities().keywords())));
                result = client.send(Envelope.of("alice@example.org", "bob@example.net"),
                        MessageBody.of("Subject: from the module path\r\n\r\nHello\r\n"));
            }
            System.out.println("result: " + result);
            System.out.println("stored: " + store.messages().size());
            System.exit(result.acceptedByAll() && store.messages().size() == 1 ? 0 : 1);
        }
    }
}
