package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.EhloCapability;
import dev.pillarbox.smtp.plugins.api.HeloHook;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.spi.HeloNamePolicy;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * EHLO (RFC 5321 4.1.1.1): the client names itself and the server lists its extensions, one keyword per line:
 * {@code PIPELINING} (RFC 2920, built into the connection loop) first, then every {@link EhloCapability} the
 * enabled plugins contribute, asked for this session (STARTTLS only before TLS, for example).
 */
@Singleton
final class EhloHandler implements CommandHandler {

    /** RFC 2920: the connection loop answers pipelined commands in order and flushes once. */
    static final String PIPELINING = "PIPELINING";

    /** RFC 6531 3.3: with SMTPUTF8 on offer the client may name itself with U-labels. */
    static final String SMTPUTF8 = "SMTPUTF8";

    private final List<HeloHook> hooks;
    private final ServerEvents events;
    private final List<EhloCapability> capabilities;
    private final HeloNamePolicy names;

    @Inject
    EhloHandler(Set<HeloHook> hooks, Set<EhloCapability> capabilities, HeloNamePolicy names,
            ServerEvents events) {
        this.hooks = Hooks.inOrder(hooks);
        this.events = events;
        this.capabilities = List.copyOf(capabilities);
        this.names = names;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        List<String> keywords = keywords(session);
        return HeloHandler.greet(session, command, hooks, events, names, true, keywords.contains(SMTPUTF8),
                ServerReplies.ehlo(session.serverName(), keywords));
    }

    private List<String> keywords(SessionView session) {
        List<String> keywords = new ArrayList<>(capabilities.size() + 1);
        keywords.add(PIPELINING);
        for (EhloCapability capability : capabilities) {
            Optional<String> keyword = capability.keyword(session);
            keyword.ifPresent(keywords::add);
        }
        return keywords;
    }
}
