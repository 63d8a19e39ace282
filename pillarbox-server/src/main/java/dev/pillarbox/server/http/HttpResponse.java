package dev.pillarbox.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A route's answer: a status, a content type and the whole body (the endpoint's pages are small).
 *
 * @param status the HTTP status code, 100 to 599
 * @param contentType the {@code Content-Type} header
 * @param body the body; the endpoint leaves it out for HEAD
 */
public record HttpResponse(int status, String contentType, byte[] body) {

    /** The content type of {@link #json}. */
    public static final String JSON = "application/json";

    /** Checks the components. */
    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** A JSON document, UTF-8. */
    public static HttpResponse json(int status, String json) {
        return new HttpResponse(status, JSON, (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Plain text, UTF-8. */
    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
