package dev.pillarbox.server.config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the web inbox is served ({@code web: HOST:PORT}) and who may see it. On a loopback address nobody logs in by
 * default (a development catcher on the developer's own machine); anywhere else a user and a password are required,
 * and every request must carry them (HTTP Basic, RFC 7617).
 *
 * @param address the address to bind (port 0: one the OS hands out)
 * @param user the user name of HTTP Basic, if configured
 * @param password its password, if configured; set together with {@code user}
 */
public record WebSettings(InetSocketAddress address, Optional<String> user, Optional<String> password) {

    /** Validates the components: a user without a password (or the reverse) is refused. */
    public WebSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("web-user and web-password are set together (HTTP Basic needs both)");
        }
        if (user.isPresent() && (user.get().isEmpty() || user.get().indexOf(':') >= 0)) {
            // RFC 7617 section 2: the user-id cannot contain a colon
            throw new IllegalArgumentException("web-user must be non-empty and must not contain ':'");
        }
        if (password.isPresent() && password.get().isEmpty()) {
            throw new IllegalArgumentException("web-password must not be empty");
        }
    }

    /** On loopback, without a login. */
    public static WebSettings open(InetSocketAddress address) {
        return new WebSettings(address, Optional.empty(), Optional.empty());
    }

    /** True when requests must carry the user and password. */
    public boolean needsLogin() {
        return user.isPresent();
    }

    /**
     * Refuses to serve the inbox beyond loopback without a login: everyone who can reach the port could read (and
     * delete) every stored message.
     *
     * @throws ConfigException saying what to change
     */
    public void checkNotOpenInbox() throws ConfigException {
        if (!address.getAddress().isLoopbackAddress() && !needsLogin()) {
            throw new ConfigException("refusing to start: the web inbox on "
                    + ReferenceConfig.hostPort(address.getAddress(), address.getPort())
                    + " is not on a loopback address and has no login, so anyone who can reach it could read and "
                    + "delete every message; set web-user and web-password (HTTP Basic) or serve it on 127.0.0.1 or "
                    + "[::1] only");
        }
    }

    @Override
    public String toString() {
        return "http://" + ReferenceConfig.hostPort(address.getAddress(), address.getPort())
                + (needsLogin() ? " (login: " + user.get() + ")" : "");
    }
}
