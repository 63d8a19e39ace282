package dev.pillarbox.smtp.extensions.auth;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.plugins.api.AttributeKey;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import dev.pillarbox.smtp.plugins.api.Session;
import dev.pillarbox.smtp.plugins.api.StateFailureMode;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTH (RFC 4954 4): {@code AUTH mechanism [initial-response]}, then 334 challenges answered by base64 lines.
 * Valid after EHLO and outside a transaction (the dispatcher answers 503 5.5.1 otherwise), once per session (503),
 * over TLS unless plaintext AUTH is allowed (538 5.7.11). An initial response {@code =} is an empty response;
 * {@code *} cancels (501 5.7.0); a line that is not base64 ends the exchange with 501 5.5.2. Wrong credentials
 * get 535 5.7.8 after a delay that doubles per failure from the client's address; the last allowed failure gets
 * 421 4.7.0 and the connection closes. Responses and passwords are never logged.
 *
 * <p>With a shared state store the failures are counted there; when it cannot answer, {@code state-failure}
 * decides: {@code closed} answers AUTH {@code 454 4.3.0} (RFC 4954 6: 454 is AUTH's temporary failure) before any
 * credentials are checked, {@code open} goes on with the first failure delay.
 */
@Singleton
final class AuthHandler implements CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);
    private static final Set<Phase> PHASES = EnumSet.of(Phase.GREETED);
    private static final Reply THROTTLE_UNAVAILABLE = Reply.of(454, "4.3.0",
            "Authentication throttle unavailable, try again later");
    private static final AttributeKey<Integer> FAILURES = AttributeKey.of("auth.failures", Integer.class);

    private final AuthSettings settings;
    private final SaslMechanisms mechanisms;
    private final AuthFailures throttle;
    private final ServerEvents events;

    @Inject
    AuthHandler(AuthSettings settings, SaslMechanisms mechanisms, AuthFailures throttle, ServerEvents events) {
        this.settings = settings;
        this.events = events;
        this.mechanisms = mechanisms;
        this.throttle = throttle;
    }

    @Override
    public Set<Phase> acceptedPhases() {
        return PHASES;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        if (session.authenticatedIdentity().isPresent()) {
            return Outcome.reply(ExtensionReplies.AUTH_ALREADY_AUTHENTICATED);
        }
        if (!session.isTls() && !settings.allowPlaintext()) {
            return Outcome.reply(ExtensionReplies.AUTH_ENCRYPTION_REQUIRED);
        }
        String[] args = command.argument().split(" ", -1);
        if (args[0].isEmpty() || args.length > 2 || (args.length == 2 && args[1].isEmpty())) {
            return Outcome.reply(ExtensionReplies.AUTH_SYNTAX);
        }
        String mechanism = args[0].toUpperCase(Locale.ROOT);
        if (!settings.mechanisms().contains(mechanism)) {
            return Outcome.reply(ExtensionReplies.AUTH_UNKNOWN_MECHANISM);
        }
        if (settings.stateFailure() == StateFailureMode.CLOSED) {
            try {
                throttle.admit(client(session));
            } catch (PolicyStateException e) {
                LOG.warn("AUTH {} refused: the failure throttle's state is unavailable ({})", mechanism,
                        e.getMessage());
                return Outcome.reply(THROTTLE_UNAVAILABLE);
            }
        }
        SaslExchange exchange = mechanisms.create(mechanism);
        if (args.length == 1) {
            return next(session, mechanism, exchange, exchange.start());
        }
        // RFC 4954 4: "=" is an initial response of zero length
        byte[] initial = args[1].equals("=") ? new byte[0] : decode(args[1]);
        if (initial == null) {
            return Outcome.reply(ExtensionReplies.AUTH_CANNOT_DECODE);
        }
        return next(session, mechanism, exchange, exchange.respond(initial));
    }

    private Outcome next(Session session, String mechanism, SaslExchange exchange, SaslStep step) {
        switch (step.kind()) {
            case CHALLENGE:
                return Outcome.challenge(ExtensionReplies.authChallenge(step.data()),
                        (s, line) -> response(s, mechanism, exchange, line));
            case SUCCESS:
                if (step.data() == null) {
                    return succeeded(session, mechanism, step.identity());
                }
                // RFC 4954 4: final server data goes in a 334 the client answers with an empty line
                return Outcome.challenge(ExtensionReplies.authChallenge(step.data()), (s, line) -> line.equals("*")
                        ? Outcome.reply(ExtensionReplies.AUTH_CANCELLED)
                        : line.isEmpty() ? succeeded(s, mechanism, step.identity()) : failed(s, mechanism));
            case TEMPORARY_FAILURE:
                LOG.warn("AUTH {}: the authenticator failed", mechanism);
                return Outcome.reply(ExtensionReplies.AUTH_TEMPORARY_FAILURE);
            default:
                return failed(session, mechanism);
        }
    }

    private Outcome response(Session session, String mechanism, SaslExchange exchange, String line) {
        if (line.equals("*")) {
            return Outcome.reply(ExtensionReplies.AUTH_CANCELLED);
        }
        byte[] response = decode(line);
        if (response == null) {
            return Outcome.reply(ExtensionReplies.AUTH_CANNOT_DECODE);
        }
        return next(session, mechanism, exchange, exchange.respond(response));
    }

    private Outcome succeeded(Session session, String mechanism, String identity) {
        session.authenticated(identity, mechanism);
        session.attribute(FAILURES, null);
        try {
            throttle.succeeded(client(session));
        } catch (PolicyStateException e) {
            // the count expires with its window; a success is not refused for a bookkeeping failure
            LOG.debug("AUTH {}: could not clear the failures of {} ({})", mechanism, client(session), e.getMessage());
        }
        events.authentication(mechanism, true);
        LOG.info("AUTH {} succeeded for {}", mechanism, identity);
        return Outcome.reply(ExtensionReplies.AUTH_SUCCEEDED);
    }

    private Outcome failed(Session session, String mechanism) {
        int failures = session.attribute(FAILURES).orElse(0) + 1;
        session.attribute(FAILURES, failures);
        Duration delay;
        try {
            delay = throttle.failed(client(session));
        } catch (PolicyStateException e) {
            delay = settings.stateFailure() == StateFailureMode.OPEN ? settings.failureDelay()
                    : settings.maxFailureDelay();
            LOG.debug("AUTH {}: failure count unavailable ({}), delaying {} ms", mechanism, e.getMessage(),
                    delay.toMillis());
        }
        events.authentication(mechanism, false);
        LOG.info("AUTH {} failed from {} ({} on this connection), answering in {} ms", mechanism,
                client(session).getHostAddress(), failures, delay.toMillis());
        pause(delay);
        if (failures >= settings.maxFailures()) {
            return Outcome.replyThenClose(ExtensionReplies.AUTH_TOO_MANY_FAILURES);
        }
        return Outcome.reply(ExtensionReplies.AUTH_INVALID_CREDENTIALS);
    }

    /** The bytes of a base64 line, or null if it is not strict base64 (RFC 4648 4, no line breaks or spaces). */
    private static byte[] decode(String line) {
        try {
            return Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static InetAddress client(Session session) {
        return session.remoteAddress().getAddress();
    }

    /** Slows down password guessing; the session's own thread waits, other sessions go on. */
    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("AUTH delay interrupted", e);
        }
    }
}
