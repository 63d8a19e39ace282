package dev.pillarbox.server.http;

import java.util.Objects;

/**
 * What a route sees of an HTTP request.
 *
 * @param method {@code GET} or {@code HEAD} (the endpoint answers other methods itself)
 * @param path the decoded path, e.g. {@code /health/ready}
 * @param query the raw query string, or empty
 */
public record HttpRequest(String method, String path, String query) {

    /** Checks the components. */
    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
    }
}
