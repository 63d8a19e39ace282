package dev.pillarbox.server.http;

import java.io.IOException;
import java.util.Objects;

/**
 * One path an {@link HttpEndpoint} serves, with its handler: the metrics page, a health probe, a page of a web inbox.
 *
 * @param path the exact path, e.g. {@code /metrics}
 * @param handler what answers it
 */
public record HttpRoute(String path, Handler handler) {

    /** Checks the components. */
    public HttpRoute {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route's path starts with /: " + path);
        }
    }

    /** Answers a request to the route's path. */
    @FunctionalInterface
    public interface Handler {

        /**
         * The response to {@code request}; an exception is answered {@code 500} and logged.
         *
         * @throws IOException if the answer cannot be made
         */
        HttpResponse handle(HttpRequest request) throws IOException;
    }
}
