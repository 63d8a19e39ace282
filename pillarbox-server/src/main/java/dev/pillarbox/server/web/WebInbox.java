package dev.pillarbox.server.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pillarbox.server.config.ReferenceConfig;
import dev.pillarbox.server.config.WebSettings;
import dev.pillarbox.server.http.HttpThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;


import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;


import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web inbox's HTTP server ({@code web: HOST:PORT}): the page ({@code /}, {@code /inbox.js},
 * {@code /inbox.css}, shipped in the jar) and the JSON API under {@code /api/} ({@link InboxApi}), on the JDK's own
 * server like the metrics endpoint. Every response carries a strict Content-Security-Policy (no inline script, no
 * framing by other sites), {@code nosniff} and no caching. Two checks come before any route: with a login
 * configured, HTTP Basic (RFC 7617); without one (loopback only), the {@code Host} header must name a loopback
 * address or {@code localhost}, so that a web site cannot read the inbox by pointing its own name at 127.0.0.1
 * (DNS rebinding).
 */
public final class WebInbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebInbox.class);

    /**
     * The page's policy: scripts and styles from the inbox itself only (inline styles are allowed so that a mail's
     * sanitised style attributes show in the iframe, which inherits this policy), images from itself or data: URLs,
     * no plugin, no form, no base URL, and no other site may frame it.
     */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    /** A mail's HTML shown with remote images on request: no script at all, a sandbox, framed by the page only. */
    static final String MAIL_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";
    /** Raw sources and parts: whatever a browser makes of them, nothing runs. */
    static final String DOWNLOAD_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'; sandbox";

    private static final int PLATFORM_THREADS = MailEvents.MAX_SUBSCRIBERS + 16;
    private static final String REALM = "Pillarbox web inbox";

    private final HttpServer server;
    private final ExecutorService executor;
    private final MailEvents events;
    private final WebSettings settings;

    private WebInbox(HttpServer server, ExecutorService executor, MailEvents events, WebSettings settings) {
        this.server = server;
        this.executor = executor;
        this.events = events;
        this.settings = settings;
    }

    /**
     * Serves the inbox of the Maildir at {@code maildir} as {@code settings} say.
     *
     * @throws IOException if the address cannot be bound or the Maildir cannot be watched; the message says which
     * @throws IllegalArgumentException if {@code maildir} is not a Maildir
     */
    public static WebInbox start(WebSettings settings, Path maildir) throws IOException {
        Objects.requireNonNull(settings, "settings");
        MaildirReader reader = MaildirReader.of(maildir);
        Assets assets = Assets.load();
        MailEvents events = MailEvents.watch(reader);
        HttpServer server;
        try {
            server = HttpServer.create(settings.address(), 0);
        } catch (IOException e) {
            events.close();
            throw new IOException("cannot serve the web inbox on " + settings.address() + ": " + e.getMessage(), e);
        }
        ExecutorService executor = HttpThreads.forRequests("web-inbox", PLATFORM_THREADS);
        server.setExecutor(executor);
        WebInbox inbox = new WebInbox(server, executor, events, settings);
        InboxApi api = new InboxApi(reader, events);
        server.createContext("/", exchange -> inbox.serve(exchange, assets, api));
        server.start();
        LOG.info("serving the web inbox on http://{} over the Maildir {}{}", ReferenceConfig.hostPort(inbox.address().getAddress(), inbox.address().getPort()),
                reader.root(), settings.needsLogin() ? " (HTTP Basic login)" : "");
        return inbox;
    }

    /** The bound address, with the real port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Ends the event streams and stops at once: the inbox is a view, nothing to finish. */
    @Override
    public void close() {
        events.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange, Assets assets, InboxApi api) {
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Security-Policy", PAGE_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.set("Cross-Origin-Resource-Policy", "same-origin");
            headers.set("Cache-Control", "no-store");
            if (!settings.needsLogin() && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                Reply.error(exchange, 403, "the web inbox answers requests for localhost or a loopback address only "
                        + "(Host: " + exchange.getRequestHeaders().getFirst("Host") + ")");
                return;
            }
            if (settings.needsLogin() && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                headers.set("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
                Reply.error(exchange, 401, "log in with the web inbox's user and password");
                return;
            }
            List<String> path = segments(exchange.getRequestURI().getRawPath());
            if (!path.isEmpty() && path.get(0).equals("api")) {
                api.serve(exchange, path.subList(1, path.size()), query(exchange.getRequestURI().getRawQuery()));
            } else {
                assets.serve(exchange, path);
            }
        } catch (IOException e) {
            // the client went away mid-answer (a closed tab, a cancelled download)
            LOG.debug("web inbox request {} ended: {}", exchange.getRequestURI(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("web inbox request {} failed", exchange.getRequestURI(), e);
            try {
                Reply.error(exchange, 500, "internal error");
            } catch (IOException | RuntimeException again) {
                LOG.debug("cannot answer 500 (the response had begun): {}", again.toString());
            }
        } finally {
            exchange.close();
        }
    }

    /** True when {@code Authorization} carries the configured user and password (compared in constant time). */
    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (settings.user().orElseThrow() + ":" + settings.password().orElseThrow())
                .getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    /** {@code localhost}, {@code 127.0.0.1}, {@code [::1]}, with or without a port. */
    static boolean loopbackHost(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            h = close < 0 ? "" : h.substring(1, close);
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        if (h.equals("localhost")) {
            return true;
        }
        // only address literals: a name would need DNS, and the name is exactly what an attacker controls
        if (!h.matches("[0-9.]+|[0-9a-f:]+") || h.isEmpty()) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The path's segments, each percent-decoded on its own (so an encoded {@code /} stays inside its segment). */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The query's parameters (the last of a repeated one wins). */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }



    /** The page's files, read from the jar once. */
    private record Assets(Map<String, byte[]> files) {

        private static final Map<String, String> TYPES = Map.of(
                "index.html", "text/html; charset=utf-8",
                "inbox.js", "text/javascript; charset=utf-8",
                "inbox.css", "text/css; charset=utf-8");

        static Assets load() throws IOException {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (String name : TYPES.keySet()) {
                try (InputStream in = WebInbox.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("the web inbox's " + name + " is missing from the jar");
                    }
                    files.put(name, in.readAllBytes());
                }
            }
            return new Assets(Map.copyOf(files));
        }

        void serve(HttpExchange exchange, List<String> path) throws IOException {
            String name = path.isEmpty() ? "index.html" : String.join("/", path);
            byte[] file = files.get(name);
            if (file == null) {
                Reply.error(exchange, 404, "no such page: /" + name);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Reply.error(exchange, 405, exchange.getRequestMethod() + " is not allowed here: use GET");
                return;
            }
            Reply.bytes(exchange, 200, TYPES.get(name), file);
        }
    }

    /** Writing answers. */
    static final class Reply {

        private Reply() {
        }

        static void json(HttpExchange exchange, int status, Object body) throws IOException {
            bytes(exchange, status, "application/json", (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        static void error(HttpExchange exchange, int status, String message) throws IOException {
            json(exchange, status, Map.of("error", message));
        }

        static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
