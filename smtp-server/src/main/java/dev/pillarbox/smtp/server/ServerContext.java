package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.core.Verb;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.DisconnectHook;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * What every connection of one server shares: settings, the verb table, the stage hooks the connection itself
 * runs, the message store and the server's bookkeeping. Immutable apart from the server's own state.
 */
final class ServerContext {

    final ServerSettings settings;
    final Dispatcher dispatcher;
    final Map<Verb, Integer> longerCommandLines; // per verb, what extensions' parameters add to the line limit
    final List<ConnectHook> connectHooks;
    final List<DisconnectHook> disconnectHooks;
    final MessageStore store;
    final SSLContext tlsContext;
    final Clock clock;
    final SmtpServer server;

    ServerContext(ServerSettings settings, Dispatcher dispatcher, Map<Verb, Integer> longerCommandLines,
            List<ConnectHook> connectHooks,
            List<DisconnectHook> disconnectHooks, MessageStore store, SSLContext tlsContext, Clock clock,
            SmtpServer server) {
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.longerCommandLines = longerCommandLines;
        this.connectHooks = connectHooks;
        this.disconnectHooks = disconnectHooks;
        this.store = store;
        this.tlsContext = tlsContext;
        this.clock = clock;
        this.server = server;
    }
}
