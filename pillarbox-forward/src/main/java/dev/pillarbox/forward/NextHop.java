package dev.pillarbox.forward;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a route sends mail: {@code smtp://host:port} or {@code lmtp://host:port}, with the TLS policy and the optional
 * AUTH credentials for that hop. Next hops are configured, never looked up (no MX lookups).
 *
 * @param lmtp true for LMTP (RFC 2033), false for SMTP
 * @param host the host name or address to connect to
 * @param port the TCP port
 * @param tls the TLS policy towards the hop
 * @param username the AUTH user name, if the hop wants AUTH
 * @param password the AUTH password, present exactly when {@code username} is
 * @param trust PEM file of the certificate authorities that {@code tls: required} trusts for this hop instead of
 *     the JDK's trust store (a private CA), if given
 */
public record NextHop(boolean lmtp, String host, int port, TlsPolicy tls, Optional<String> username,
        Optional<String> password, Optional<Path> trust) {

    /** How the gateway uses TLS towards a next hop. */
    public enum TlsPolicy {
        /** Plain text, STARTTLS is not tried. */
        NONE,
        /** STARTTLS when the hop offers it, plain text otherwise. */
        OPPORTUNISTIC,
        /** STARTTLS, and the certificate must be trusted and name the host; no mail in plain text. */
        REQUIRED;

        /** Parses {@code none}, {@code opportunistic} or {@code required}; {@code key} names the setting in errors. */
        static TlsPolicy parse(String key, String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "none": return NONE;
                case "opportunistic": return OPPORTUNISTIC;
                case "required": return REQUIRED;
                default:
                    throw new IllegalArgumentException(key + ": \"" + text
                            + "\" is not a TLS policy (use none, opportunistic or required)");
            }
        }
    }

    /** Validates the components. */
    public NextHop {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(trust, "trust");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("a user name needs a password and a password a user name");
        }
    }

    /**
     * Parses {@code smtp://host:port} or {@code lmtp://host:port} (a bare host gets port 25 for SMTP; LMTP needs a
     * port). {@code key} names the setting in errors.
     */
    static NextHop parse(String key, String text, TlsPolicy tls, Optional<String> username,
            Optional<String> password, Optional<Path> trust) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is not a next hop (use smtp://host:port or"
                    + " lmtp://host:port)", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("lmtp") || uri.getHost() == null
                || uri.getPath() != null && !uri.getPath().isEmpty() || uri.getUserInfo() != null) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is not a next hop (use smtp://host:port or"
                    + " lmtp://host:port)");
        }
        boolean lmtp = scheme.equals("lmtp");
        if (lmtp && uri.getPort() < 0) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" needs a port (LMTP has no standard port)");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new NextHop(lmtp, host, uri.getPort() < 0 ? 25 : uri.getPort(), tls, username, password, trust);
    }

    /** {@code smtp://host:port} or {@code lmtp://host:port}: the hop's name in logs and the queue's listing. */
    public String destination() {
        return (lmtp ? "lmtp://" : "smtp://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return destination() + " (tls " + tls.name().toLowerCase(Locale.ROOT)
                + trust.map(t -> ", trust " + t).orElse("") + username.map(u -> ", auth " + u).orElse("") + ")";
    }
}
