package dev.pillarbox.smtp.client;

import java.util.List;
import java.util.Objects;

/**
 * A user name and password for AUTH, with the mechanisms the client may use in order of preference. Immutable.
 *
 * <p>The client picks the first mechanism of {@link #mechanisms()} that the server offers. PLAIN and LOGIN send the
 * password itself, so they are used only over TLS unless {@link #allowWithoutTls()}; SCRAM-SHA-256 is allowed
 * either way. {@link #toString()} never shows the password.
 */
public final class Credentials {

    /** The default preference: SCRAM-SHA-256, PLAIN, LOGIN. */
    public static final List<AuthMechanism> DEFAULT_MECHANISMS =
            List.of(AuthMechanism.SCRAM_SHA_256, AuthMechanism.PLAIN, AuthMechanism.LOGIN);

    private final String username;
    private final String password;
    private final List<AuthMechanism> mechanisms;
    private final boolean allowWithoutTls;

    private Credentials(String username, String password, List<AuthMechanism> mechanisms, boolean allowWithoutTls) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("empty user name");
        }
        if (mechanisms.isEmpty()) {
            throw new IllegalArgumentException("at least one mechanism is needed");
        }
        this.mechanisms = List.copyOf(mechanisms);
        this.allowWithoutTls = allowWithoutTls;
    }

    /** {@code username} and {@code password} with the default mechanisms, over TLS only for PLAIN and LOGIN. */
    public static Credentials of(String username, String password) {
        return new Credentials(username, password, DEFAULT_MECHANISMS, false);
    }

    /** These credentials restricted to {@code mechanisms}, in that order of preference. */
    public Credentials withMechanisms(AuthMechanism... mechanisms) {
        return new Credentials(username, password, List.of(mechanisms), allowWithoutTls);
    }

    /** These credentials, allowing PLAIN and LOGIN on a connection without TLS (the password crosses readable). */
    public Credentials allowingWithoutTls() {
        return new Credentials(username, password, mechanisms, true);
    }

    /** The user name (the SASL authentication identity). */
    public String username() {
        return username;
    }

    /** The password. */
    public String password() {
        return password;
    }

    /** The mechanisms in order of preference. */
    public List<AuthMechanism> mechanisms() {
        return mechanisms;
    }

    /** Whether PLAIN and LOGIN may be used without TLS. */
    public boolean allowWithoutTls() {
        return allowWithoutTls;
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", " + mechanisms + (allowWithoutTls ? ", allowed without TLS" : "") + "]";
    }
}
