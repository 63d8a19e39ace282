package dev.pillarbox.smtp.extensions.auth;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** Makes a fresh {@link SaslExchange} for each AUTH command, by mechanism name. */
@Singleton
final class SaslMechanisms {

    private final Authenticator authenticator;
    // per server run: keys the made-up SCRAM salts of unknown users, so that they stay the same within a run
    private final byte[] fakeSaltKey = new byte[32];

    @Inject
    SaslMechanisms(Authenticator authenticator) {
        this.authenticator = authenticator;
        new SecureRandom().nextBytes(fakeSaltKey);
    }

    /** A new exchange for {@code mechanism}, one of {@link AuthSettings#SUPPORTED}. */
    SaslExchange create(String mechanism) {
        switch (mechanism) {
            case "PLAIN":
                return new PlainExchange(authenticator);
            case "LOGIN":
                return new LoginExchange(authenticator);
            case "SCRAM-SHA-256":
                return new ScramSha256Exchange(authenticator, fakeSaltKey);
            default:
                throw new IllegalArgumentException("unsupported SASL mechanism " + mechanism);
        }
    }
}
