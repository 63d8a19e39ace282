package dev.pillarbox.smtp.client;

import java.util.Locale;
import java.util.Optional;

/** The SASL mechanisms the client speaks with AUTH (RFC 4954). */
public enum AuthMechanism {
    /** RFC 7677 / RFC 5802: the password never crosses the wire, and the server proves it knows it too. */
    SCRAM_SHA_256("SCRAM-SHA-256"),
    /** RFC 4616: user and password in one base64 initial response; needs TLS unless allowed otherwise. */
    PLAIN("PLAIN"),
    /** The non-standard two-step LOGIN mechanism many servers offer; needs TLS unless allowed otherwise. */
    LOGIN("LOGIN");

    private final String saslName;

    AuthMechanism(String saslName) {
        this.saslName = saslName;
    }

    /** The name on the wire, e.g. {@code SCRAM-SHA-256}. */
    public String saslName() {
        return saslName;
    }

    /** True for the mechanisms that send the password itself (PLAIN, LOGIN). */
    public boolean sendsPassword() {
        return this != SCRAM_SHA_256;
    }

    /** The mechanism named {@code name} (any case), if this client implements it. */
    public static Optional<AuthMechanism> named(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (AuthMechanism m : values()) {
            if (m.saslName.equals(upper)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
