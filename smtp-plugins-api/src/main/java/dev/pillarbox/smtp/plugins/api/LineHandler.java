package dev.pillarbox.smtp.plugins.api;

/**
 * Receives the next line of a multi-step exchange (AUTH's SASL responses, RFC 4954 4), raw and not
 * parsed as a command. The line may be up to the codec's AUTH line limit.
 */
@FunctionalInterface
public interface LineHandler {

    /**
     * Handles the client's line.
     *
     * @param session the session
     * @param line the line without CRLF, e.g. base64 text or "*" to cancel
     * @return the outcome: another {@link Outcome.Challenge} or a final reply
     */
    Outcome handle(Session session, String line);
}
