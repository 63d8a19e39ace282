package dev.pillarbox.smtp.plugins.examples.notifier;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code store-notifier} plugin's settings.
 *
 * @param endpoint where notifications are POSTed (key {@code url}, required, http or https)
 * @param attempts how many times one notification is tried before it is given up and logged (key
 *     {@code attempts}, default 3, at most 10)
 * @param backoff the wait before the second attempt, doubled before each later one (key {@code backoff},
 *     default 500ms)
 * @param timeout how long one attempt may take (key {@code timeout}, default 5s)
 * @param maxPending notifications in flight at once; more are dropped and logged, so that a dead endpoint cannot
 *     fill the memory (key {@code max-pending}, default 1000)
 */
public record NotifierSettings(URI endpoint, int attempts, Duration backoff, Duration timeout, int maxPending) {

    /** Validates the components. */
    public NotifierSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("plugins.store-notifier.url: \"" + endpoint
                    + "\" is not an http:// or https:// URL with a host");
        }
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("plugins.store-notifier.attempts must be 1 to 10, got " + attempts);
        }
        positive("backoff", backoff);
        positive("timeout", timeout);
        if (maxPending < 1) {
            throw new IllegalArgumentException("plugins.store-notifier.max-pending must be positive, got "
                    + maxPending);
        }
    }

    private static void positive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("plugins.store-notifier." + key + " must be positive, got " + d);
        }
    }

    /** Reads the settings from the server configuration. */
    public static NotifierSettings from(PluginSettings settings) {
        String url = settings.string("url", null);
        if (url == null) {
            throw new IllegalArgumentException("plugins.store-notifier.url is required, e.g. "
                    + "url: http://127.0.0.1:8080/stored");
        }
        URI endpoint;
        try {
            endpoint = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("plugins.store-notifier.url: \"" + url + "\" is not a URL: "
                    + e.getReason(), e);
        }
        return new NotifierSettings(endpoint, settings.integer("attempts", 3),
                settings.duration("backoff", Duration.ofMillis(500)), settings.duration("timeout", Duration.ofSeconds(5)),
                settings.integer("max-pending", 1000));
    }
}
