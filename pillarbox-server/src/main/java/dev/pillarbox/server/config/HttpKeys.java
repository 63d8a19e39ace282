package dev.pillarbox.server.config;

import dev.pillarbox.smtp.server.DeliveryTargetChoice;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of the reference server's HTTP endpoints, read from {@link ConfigLoader}'s values: {@code metrics} (the
 * metrics and health endpoint) and {@code web}, {@code web-user}, {@code web-password} (the web inbox).
 */
final class HttpKeys {

    private HttpKeys() {
    }

    /** The metrics and health endpoint's address: {@code HOST:PORT}, or empty (the default) for none. */
    static Optional<InetSocketAddress> metrics(ConfigValues values) throws ConfigException {
        return httpAddress(values, "metrics", "127.0.0.1:9025 or [::1]:9025");
    }

    /**
     * The web inbox: {@code web: HOST:PORT} with {@code web-user} and {@code web-password}, or empty (the default).
     * It reads the Maildir, so the Maildir must be one of the delivery targets; beyond loopback it needs the login.
     */
    static Optional<WebSettings> web(ConfigValues values, List<DeliveryTargetChoice> delivery) throws ConfigException {
        Optional<InetSocketAddress> address = httpAddress(values, "web", "127.0.0.1:8025 or [::1]:8025");
        String user = values.string("web-user", "");
        String password = values.string("web-password", "");
        if (address.isEmpty()) {
            if (!user.isEmpty() || !password.isEmpty()) {
                throw new ConfigException((user.isEmpty() ? "web-password" : "web-user")
                        + " is set but the web inbox is off; set web: HOST:PORT too (or remove it)");
            }
            return Optional.empty();
        }
        if (delivery.stream().noneMatch(c -> c.name().equals(StoreKind.MAILDIR.configName()))) {
            throw new ConfigException("web: the web inbox shows the messages of the Maildir, but the delivery targets "
                    + "are " + delivery.stream().map(DeliveryTargetChoice::name).collect(Collectors.joining(", "))
                    + "; use store: maildir (the default), add maildir to delivery.required or delivery.optional, "
                    + "or remove web");
        }
        WebSettings web;
        try {
            web = new WebSettings(address.get(), Optional.of(user).filter(u -> !u.isEmpty()),
                    Optional.of(password).filter(p -> !p.isEmpty()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        web.checkNotOpenInbox();
        return Optional.of(web);
    }

    /** An HTTP listen address under {@code key}: {@code HOST:PORT}, or empty (the default) for none. */
    private static Optional<InetSocketAddress> httpAddress(ConfigValues values, String key, String example)
            throws ConfigException {
        String text = values.string(key, "");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        ListenAddress spec;
        try {
            spec = ListenAddress.parse(text);
        } catch (IllegalArgumentException e) {
            spec = null;
        }
        if (spec == null || text.contains("://")) {
            throw values.invalid(key, text, "is not an HTTP listen address (use HOST:PORT, e.g. " + example + ")");
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(spec.host()), spec.port()));
        } catch (UnknownHostException e) {
            throw values.invalid(key, text, "names a host that does not resolve");
        }
    }
}
