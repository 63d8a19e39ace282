package dev.pillarbox.smtp.extensions.auth;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * SASL LOGIN (draft-murchison-sasl-login): challenges {@code Username:} then {@code Password:}, each answered
 * with the value in base64. An initial response is the user name.
 */
final class LoginExchange implements SaslExchange {

    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    private final Authenticator authenticator;
    private String username;

    LoginExchange(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public SaslStep start() {
        return SaslStep.challenge(USERNAME);
    }

    @Override
    public SaslStep respond(byte[] response) {
        String text = Utf8.decode(response);
        if (text == null) {
            return SaslStep.failure();
        }
        if (username == null) {
            if (text.isEmpty()) {
                return SaslStep.failure();
            }
            username = text;
            return SaslStep.challenge(PASSWORD);
        }
        try {
            return authenticator.verifyPassword(username, text) ? SaslStep.success(username, null)
                    : SaslStep.failure();
        } catch (UncheckedIOException e) {
            return SaslStep.temporaryFailure();
        }
    }
}
