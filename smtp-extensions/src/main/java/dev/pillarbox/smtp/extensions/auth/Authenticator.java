package dev.pillarbox.smtp.extensions.auth;

import java.util.Optional;

/**
 * Checks credentials for AUTH. Bind one in Guice ({@code bind(Authenticator.class).to(...)}); the {@code auth}
 * plugin binds a {@link PasswordFileAuthenticator}. Called on the session's own thread; implementations are shared
 * by all sessions and must be thread-safe. An {@link java.io.UncheckedIOException} (a directory that is down)
 * is answered {@code 454 4.7.0 Temporary authentication failure}.
 */
public interface Authenticator {

    /**
     * Checks a user name and password (SASL PLAIN and LOGIN). Should take the same time whether or not the user
     * exists, so that timing does not tell which names exist.
     *
     * @return true if the password is the user's
     */
    boolean verifyPassword(String username, String password);

    /**
     * The user's SCRAM-SHA-256 keys (RFC 5802 3), for the challenge-response mechanism that never sends the
     * password. Empty when the user is unknown or has no SCRAM keys; the mechanism then fails without telling
     * the client which.
     */
    default Optional<ScramCredentials> scramSha256(String username) {
        return Optional.empty();
    }

    /**
     * The iteration count SCRAM offers a user without keys (unknown, or without SCRAM keys) alongside a made-up salt:
     * the count the real entries use, so that the {@code i=} of the server-first message does not tell which users
     * exist (RFC 5802 9). Default {@link ScramCredentials#DEFAULT_ITERATIONS}.
     */
    default int scramIterations() {
        return ScramCredentials.DEFAULT_ITERATIONS;
    }
}
