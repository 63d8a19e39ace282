package dev.pillarbox.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pillarbox.server.config.ReferenceConfig;
import java.io.IOException;
import java.io.OutputStream;


import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;


import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for the operator's pages: {@code /metrics}, the health probes, and later a web inbox. It is the
 * JDK's own server ({@code com.sun.net.httpserver}, module {@code jdk.httpserver}), so nothing is added to the jar;
 * requests run on virtual threads where the JDK has them (21+), else on a few daemon threads. Routes are exact paths
 * answered for {@code GET} and {@code HEAD}: any other method gets {@code 405}, any other path {@code 404}.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final int PLATFORM_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code address} (port 0: one the OS hands out) and serves {@code routes}.
     *
     * @param name names the threads and the log lines, e.g. {@code metrics}
     * @throws IOException if the address cannot be bound; the message names it
     */
    public static HttpEndpoint start(String name, InetSocketAddress address, List<HttpRoute> routes)
            throws IOException {
        Map<String, HttpRoute.Handler> byPath = new HashMap<>();
        for (HttpRoute route : routes) {
            if (byPath.put(route.path(), route.handler()) != null) {
                throw new IllegalArgumentException("two routes for " + route.path());
            }
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IOException("cannot serve " + name + " on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService executor = HttpThreads.forRequests(name, PLATFORM_THREADS);
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, Map.copyOf(byPath)));
        server.start();
        HttpEndpoint endpoint = new HttpEndpoint(server, executor);
        LOG.info("serving {} on http://{} ({})", name, ReferenceConfig.hostPort(endpoint.address().getAddress(), endpoint.address().getPort()), paths(byPath));
        return endpoint;
    }

    /** The bound address, with the real port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops at once: the pages are answers to probes, nothing to finish. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void serve(HttpExchange exchange, Map<String, HttpRoute.Handler> routes) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            HttpRoute.Handler handler = routes.get(path);
            HttpResponse response;
            if (handler == null) {
                response = HttpResponse.text(404, "no such page: " + path + " (pages: " + paths(routes) + ")");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                response = HttpResponse.text(405, method + " is not allowed here: use GET");
            } else {
                response = answer(handler, new HttpRequest(method, path,
                        exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery()));
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(response.status(), -1);
                return;
            }
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } finally {
            exchange.close();
        }
    }

    private static HttpResponse answer(HttpRoute.Handler handler, HttpRequest request) {
        try {
            return handler.handle(request);
        } catch (IOException | RuntimeException e) {
            LOG.error("{} failed", request.path(), e);
            return HttpResponse.text(500, "internal error");
        }
    }



    private static String paths(Map<String, HttpRoute.Handler> routes) {
        return String.join(", ", new TreeSet<>(routes.keySet()));
    }
}
