package dev.pillarbox.smtp.extensions.auth;

import java.io.UncheckedIOException;

/**
 * SASL PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd} in UTF-8. An authorization identity
 * other than the authentication identity (acting for another user) is refused.
 */
final class PlainExchange implements SaslExchange {

    private final Authenticator authenticator;

    PlainExchange(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public SaslStep start() {
        return SaslStep.challenge(new byte[0]); // RFC 4954 4: an empty challenge asks for the initial response
    }

    @Override
    public SaslStep respond(byte[] response) {
        String text = Utf8.decode(response);
        if (text == null) {
            return SaslStep.failure();
        }
        String[] parts = text.split("\u0000", -1);
        if (parts.length != 3 || parts[1].isEmpty() || (!parts[0].isEmpty() && !parts[0].equals(parts[1]))) {
            return SaslStep.failure();
        }
        try {
            return authenticator.verifyPassword(parts[1], parts[2]) ? SaslStep.success(parts[1], null)
                    : SaslStep.failure();
        } catch (UncheckedIOException e) {
            return SaslStep.temporaryFailure();
        }
    }
}
