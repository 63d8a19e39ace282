package dev.pillarbox.smtp.extensions.auth;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * A user's SCRAM-SHA-256 keys as RFC 5802 3 says a server stores them: salt, iteration count, StoredKey and
 * ServerKey. Neither key is the password or lets a thief log in with SCRAM; a password (PLAIN, LOGIN) is checked
 * by deriving StoredKey again.
 */
public final class ScramCredentials {

    /** RFC 7677 4: at least 4096 iterations. */
    public static final int MIN_ITERATIONS = 4096;

    /**
     * The largest count Cyrus SASL's SCRAM client accepts: it answers anything above 65,536 with "iteration-count is
     * too big, refusing to compute" and gives up, and Postfix, mutt and many other clients authenticate through it.
     */
    public static final int CYRUS_SASL_MAX_ITERATIONS = 65_536;

    /**
     * Iterations of new SCRAM entries: as many as every common client accepts ({@link #CYRUS_SASL_MAX_ITERATIONS},
     * 16 times RFC 7677's minimum), so that stolen keys are as expensive to attack as clients allow. The client
     * computes them on every login; the server only when it checks a PLAIN or LOGIN password against the keys.
     */
    public static final int DEFAULT_ITERATIONS = CYRUS_SASL_MAX_ITERATIONS;

    private final byte[] salt;
    private final int iterations;
    private final byte[] storedKey;
    private final byte[] serverKey;

    private ScramCredentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM iteration count " + iterations + " is below "
                    + MIN_ITERATIONS + " (RFC 7677 4)");
        }
        if (salt.length < 8 || storedKey.length != 32 || serverKey.length != 32) {
            throw new IllegalArgumentException("SCRAM-SHA-256 needs a salt of at least 8 bytes and 32-byte keys");
        }
        this.salt = salt.clone();
        this.iterations = iterations;
        this.storedKey = storedKey.clone();
        this.serverKey = serverKey.clone();
    }

    /** Keys already derived, e.g. read from a password file. */
    public static ScramCredentials of(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        return new ScramCredentials(Objects.requireNonNull(salt, "salt"), iterations,
                Objects.requireNonNull(storedKey, "storedKey"), Objects.requireNonNull(serverKey, "serverKey"));
    }

    /** Derives the keys from a password (RFC 5802 3: SaltedPassword = Hi(password, salt, i)). */
    public static ScramCredentials derive(String password, byte[] salt, int iterations) {
        byte[] salted = Crypto.pbkdf2(password, salt, iterations);
        byte[] storedKey = Crypto.sha256(Crypto.hmac(salted, "Client Key"));
        byte[] serverKey = Crypto.hmac(salted, "Server Key");
        return new ScramCredentials(salt, iterations, storedKey, serverKey);
    }

    /** The salt. */
    public byte[] salt() {
        return salt.clone();
    }

    /** The iteration count. */
    public int iterations() {
        return iterations;
    }

    /** StoredKey = H(HMAC(SaltedPassword, "Client Key")). */
    public byte[] storedKey() {
        return storedKey.clone();
    }

    /** ServerKey = HMAC(SaltedPassword, "Server Key"). */
    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** True if {@code password} derives these keys; compares in constant time. */
    public boolean matches(String password) {
        byte[] salted = Crypto.pbkdf2(password, salt, iterations);
        return MessageDigest.isEqual(storedKey, Crypto.sha256(Crypto.hmac(salted, "Client Key")));
    }

    /** {@code <iterations>:<salt b64>:<StoredKey b64>:<ServerKey b64>}, the password file's fields. */
    String fields() {
        Base64.Encoder b64 = Base64.getEncoder();
        return iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    @Override
    public String toString() {
        return "ScramCredentials[" + iterations + " iterations]"; // never the keys
    }
}
