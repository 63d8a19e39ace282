package dev.pillarbox.server.state;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the shared policy state lives: a Redis server, the database index, the prefix of every key, and how long a
 * command may take.
 *
 * @param host the Redis host
 * @param port its port (default 6379)
 * @param database the database index, the URI's path (default 0)
 * @param user the ACL user (Redis 6+), if any
 * @param password the password, if any (never logged)
 * @param keyPrefix put before every key (key {@code state-prefix}, default {@code pillarbox:}), so several
 *     clusters or tests can share one Redis
 * @param timeout the connect and the read timeout of one command (key {@code state-timeout}, default 250ms): a Redis
 *     outage costs a session at most about twice this per command, never its whole deadline
 * @param retryAfter after a failure, how long commands fail at once without trying Redis (default 1s): sessions do
 *     not queue on a dead server, and the next try after that recovers by itself
 */
public record StateSettings(String host, int port, int database, Optional<String> user, Optional<String> password,
        String keyPrefix, Duration timeout, Duration retryAfter) {

    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "pillarbox:";
    /** Default command timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);
    /** Default pause after a failure. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** Validates the components. */
    public StateSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("state: the Redis URI names no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("state: port " + port + " is not between 1 and 65535");
        }
        if (database < 0) {
            throw new IllegalArgumentException("state: database index " + database + " is negative");
        }
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("state-timeout must be more than 0 and at most 10s (a session waits"
                    + " on it), got " + timeout.toMillis() + "ms");
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("state retry pause must not be negative");
        }
    }

    /**
     * Parses {@code redis://[[user]:password@]host[:port][/database]}.
     *
     * @throws IllegalArgumentException saying what is wrong with the URI
     */
    public static StateSettings parse(String uri, String keyPrefix, Duration timeout) {
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("state: \"" + uri + "\" is not a URI (use e.g. redis://127.0.0.1:6379/0)",
                    e);
        }
        if (!"redis".equalsIgnoreCase(parsed.getScheme())) {
            throw new IllegalArgumentException("state: \"" + uri + "\" is not a redis:// URI (the only state store;"
                    + " use e.g. redis://127.0.0.1:6379/0)");
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("state: \"" + uri + "\" names no host (use e.g. redis://127.0.0.1:6379/0)");
        }
        if (parsed.getQuery() != null || parsed.getFragment() != null) {
            throw new IllegalArgumentException("state: \"" + uri + "\": no query or fragment is understood (set"
                    + " state-prefix and state-timeout as keys of their own)");
        }
        int database = 0;
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        if (!path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("state: \"" + path.substring(1) + "\" in " + redacted(parsed)
                        + " is not a database index (a number, e.g. /0)", e);
            }
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String info = parsed.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String u = colon < 0 ? "" : decode(info.substring(0, colon));
            String p = decode(colon < 0 ? info : info.substring(colon + 1));
            user = u.isEmpty() ? Optional.empty() : Optional.of(u);
            password = p.isEmpty() ? Optional.empty() : Optional.of(p);
        }
        return new StateSettings(parsed.getHost(), parsed.getPort() < 0 ? 6379 : parsed.getPort(), database, user,
                password, keyPrefix, timeout, DEFAULT_RETRY_AFTER);
    }

    /** A copy with another pause after failures (tests shorten it). */
    public StateSettings withRetryAfter(Duration pause) {
        return new StateSettings(host, port, database, user, password, keyPrefix, timeout, pause);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String redacted(URI uri) {
        return "redis://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getPath();
    }

    /** {@code redis://127.0.0.1:6379/0 prefix="pillarbox:" timeout=250ms}, without credentials. */
    public String describe() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "redis://" + h + ":" + port + "/" + database + (password.isPresent() ? " (with password)" : "")
                + " prefix=\"" + keyPrefix + "\" timeout=" + timeout.toMillis() + "ms";
    }

    @Override
    public String toString() {
        return describe();
    }
}
