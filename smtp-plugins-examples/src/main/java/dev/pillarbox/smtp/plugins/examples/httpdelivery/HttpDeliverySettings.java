package dev.pillarbox.smtp.plugins.examples.httpdelivery;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code http-delivery} plugin's settings.
 *
 * @param endpoint where messages are POSTed (key {@code url}, required, http or https)
 * @param timeout how long connecting plus the whole exchange may take before the message is deferred (key
 *     {@code timeout}, default 10s); keep it well under the client's DATA timeout (RFC 5321 4.5.3.2.6: 10 minutes)
 */
public record HttpDeliverySettings(URI endpoint, Duration timeout) {

    /** Validates the components. */
    public HttpDeliverySettings {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("plugins.http-delivery.url: \"" + endpoint
                    + "\" is not an http:// or https:// URL with a host");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("plugins.http-delivery.timeout must be positive, got " + timeout);
        }
    }

    /** Reads the settings from the server configuration. */
    public static HttpDeliverySettings from(PluginSettings settings) {
        String url = settings.string("url", null);
        if (url == null) {
            throw new IllegalArgumentException("plugins.http-delivery.url is required, e.g. "
                    + "url: http://127.0.0.1:8080/inbound");
        }
        try {
            return new HttpDeliverySettings(new URI(url), settings.duration("timeout", Duration.ofSeconds(10)));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("plugins.http-delivery.url: \"" + url + "\" is not a URL: "
                    + e.getReason(), e);
        }
    }
}
