package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.core.Verb;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.DisconnectHook;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * What every connection of one server shares, all immutable: settings, the verb table, the stage hooks the
 * connection itself runs, the delivery targets, the end-of-message step and the stages after it, the registry it reports to and the observer of its events.
 *
 * @param longerCommandLines per verb, what extensions' parameters add to the line limit
 * @param tlsContext the STARTTLS and implicit TLS context, or null
 * @param enhancedStatusCodes whether replies keep their RFC 3463 codes (ENHANCEDSTATUSCODES is on)
 * @param events the observer the connections report to ({@link ServerEvents#NONE} without one)
 */
record ServerContext(ServerSettings settings, Dispatcher dispatcher, Map<Verb, Integer> longerCommandLines,
        List<ConnectHook> connectHooks, List<DisconnectHook> disconnectHooks, DeliveryTargets targets,
        Delivery delivery, TransactionStages transactionStages, SSLContext tlsContext, Clock clock, boolean enhancedStatusCodes,
        ConnectionRegistry registry, ServerEvents events) {
}
