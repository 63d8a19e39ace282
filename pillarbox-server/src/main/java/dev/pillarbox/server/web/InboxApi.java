package dev.pillarbox.server.web;

import com.sun.net.httpserver.HttpExchange;
import dev.pillarbox.server.web.MaildirReader.StoredMessage;
import dev.pillarbox.server.web.MimeMessage.Part;
import dev.pillarbox.server.web.WebInbox.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web inbox's JSON API, in the spirit of Mailpit's (paths under {@code /api/}):
 * <ul>
 * <li>{@code GET messages[?query=&start=&limit=]}: summaries, newest first; {@code query} matches From, To and
 *     Subject, case-insensitive</li>
 * <li>{@code DELETE messages}: deletes every message</li>
 * <li>{@code GET messages/{id}}: headers, text, sanitised HTML, parts; {@code DELETE messages/{id}}</li>
 * <li>{@code GET messages/{id}/raw[?limit=]}: the stored source (its first {@code limit} bytes)</li>
 * <li>{@code GET messages/{id}/html[?images=remote]}: the sanitised HTML as a document of its own</li>
 * <li>{@code GET messages/{id}/parts/{n}}: leaf part {@code n}, decoded, as a download</li>
 * <li>{@code GET events}: server-sent events, one per change of the Maildir</li>
 * </ul>
 * Summaries are cached per message file (id, size, modification time): the list does not parse every message on
 * every change.
 */
final class InboxApi {

    private static final Logger LOG = LoggerFactory.getLogger(InboxApi.class);
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 5_000;
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final MaildirReader reader;
    private final MailEvents events;
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();

    InboxApi(MaildirReader reader, MailEvents events) {
        this.reader = reader;
        this.events = events;
    }

    void serve(HttpExchange exchange, List<String> path, Map<String, String> query) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.size() == 1 && path.get(0).equals("events")) {
            if (allow(exchange, "GET")) {
                events(exchange);
            }
            return;
        }
        if (path.isEmpty() || !path.get(0).equals("messages")) {
            Reply.error(exchange, 404, "no such API path: /api/" + String.join("/", path));
            return;
        }
        if (path.size() == 1) {
            if (method.equals("DELETE")) {
                if (sameOrigin(exchange)) {
                    int deleted = reader.deleteAll();
                    events.changed();
                    Reply.json(exchange, 200, Map.of("deleted", deleted));
                }
            } else if (allow(exchange, "GET", "DELETE")) {
                list(exchange, query);
            }
            return;
        }
        String id = path.get(1);
        if (!MaildirReader.isValidId(id)) {
            Reply.error(exchange, 400, "not a message id (a Maildir unique name): " + id);
            return;
        }
        Optional<StoredMessage> found = reader.find(id);
        if (found.isEmpty()) {
            Reply.error(exchange, 404, "no message " + id + " (deleted?)");
            return;
        }
        StoredMessage message = found.get();
        List<String> rest = path.subList(2, path.size());
        try {
            if (rest.isEmpty()) {
                if (method.equals("DELETE")) {
                    if (sameOrigin(exchange)) {
                        boolean deleted = reader.delete(id);
                        events.changed();
                        Reply.json(exchange, deleted ? 200 : 404, Map.of("deleted", deleted ? 1 : 0));
                    }
                } else if (allow(exchange, "GET", "DELETE")) {
                    view(exchange, message);
                }
            } else if (rest.size() == 1 && rest.get(0).equals("raw")) {
                if (allow(exchange, "GET")) {
                    raw(exchange, message, query);
                }
            } else if (rest.size() == 1 && rest.get(0).equals("html")) {
                if (allow(exchange, "GET")) {
                    html(exchange, message, "remote".equals(query.get("images")));
                }
            } else if (rest.size() == 2 && rest.get(0).equals("parts")) {
                if (allow(exchange, "GET")) {
                    part(exchange, message, rest.get(1));
                }
            } else {
                Reply.error(exchange, 404, "no such API path: /api/" + String.join("/", path));
            }
        } catch (NoSuchFileException e) {
            Reply.error(exchange, 404, "no message " + id + " (deleted?)");
        }
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        int start = number(query, "start", 0, Integer.MAX_VALUE);
        int limit = number(query, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        if (start < 0 || limit < 0) {
            Reply.error(exchange, 400, "start and limit are whole numbers, limit at most " + MAX_LIMIT);
            return;
        }
        String search = query.getOrDefault("query", "").strip().toLowerCase(Locale.ROOT);
        List<StoredMessage> files = reader.list();
        Set<String> present = new HashSet<>();
        List<Map<String, Object>> matched = new ArrayList<>();
        int total = 0;
        for (StoredMessage file : files) {
            present.add(file.id());
            Optional<Summary> summary = summary(file);
            if (summary.isEmpty()) {
                continue;
            }
            total++;
            if (search.isEmpty() || summary.get().searchText().contains(search)) {
                matched.add(summary.get().json());
            }
        }
        summaries.keySet().retainAll(present);
        List<Map<String, Object>> page = matched.subList(Math.min(start, matched.size()),
                Math.min(matched.size(), (int) Math.min((long) start + limit, Integer.MAX_VALUE)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total);
        out.put("matched", matched.size());
        out.put("start", start);
        out.put("messages", page);
        Reply.json(exchange, 200, out);
    }

    private Optional<Summary> summary(StoredMessage file) throws IOException {
        Summary cached = summaries.get(file.id());
        if (cached != null && cached.size() == file.size() && cached.modified() == file.modified()) {
            return Optional.of(cached);
        }
        MimeMessage parsed;
        try (InputStream in = file.open()) {
            parsed = MimeReader.read(in, MimeReader.Depth.SUMMARY);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted or moved to cur/ since the listing: the next one shows it
        }
        Summary summary = Summary.of(file, parsed);
        summaries.put(file.id(), summary);
        return Optional.of(summary);
    }

    private void view(HttpExchange exchange, StoredMessage message) throws IOException {
        MimeMessage parsed;
        try (InputStream in = message.open()) {
            parsed = MimeReader.read(in, MimeReader.Depth.FULL);
        }
        Map<String, Object> out = new LinkedHashMap<>(Summary.of(message, parsed).json());
        List<Map<String, Object>> headers = new ArrayList<>();
        for (MimeMessage.Header h : parsed.headers()) {
            headers.add(Map.of("name", h.name(), "value", h.value()));
        }
        out.put("headers", headers);
        out.put("text", parsed.text().map(InboxApi::text));
        Optional<HtmlSanitizer.Sanitized> html = parsed.html()
                .map(h -> HtmlSanitizer.sanitize(h.content(), false));
        out.put("html", html.map(HtmlSanitizer.Sanitized::html));
        out.put("htmlTruncated", parsed.html().map(MimeMessage.Text::truncated).orElse(false));
        out.put("blockedImages", html.map(HtmlSanitizer.Sanitized::blockedImages).orElse(0));
        List<Map<String, Object>> parts = new ArrayList<>();
        for (Part p : parsed.parts()) {
            parts.add(part(p));
        }
        out.put("parts", parts);
        out.put("partCount", parsed.partCount());
        out.put("problem", parsed.problem());
        Reply.json(exchange, 200, out);
    }

    private static Map<String, Object> text(MimeMessage.Text text) {
        return Map.of("content", text.content(), "charset", text.charset(), "truncated", text.truncated());
    }

    private static Map<String, Object> part(Part p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", p.index());
        out.put("contentType", p.contentType());
        out.put("filename", p.filename());
        out.put("attachment", p.attachment());
        out.put("size", p.size());
        return out;
    }

    private void raw(HttpExchange exchange, StoredMessage message, Map<String, String> query) throws IOException {
        int limit = number(query, "limit", Integer.MAX_VALUE, Integer.MAX_VALUE);
        if (limit < 0) {
            Reply.error(exchange, 400, "limit is a whole number of bytes");
            return;
        }
        long length = Math.min(message.size(), limit);
        exchange.getResponseHeaders().set("Content-Security-Policy", WebInbox.DOWNLOAD_POLICY);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("X-Message-Size", Long.toString(message.size()));
        try (InputStream in = message.open()) {
            exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                copy(in, out, length);
            }
        }
    }

    private void html(HttpExchange exchange, StoredMessage message, boolean remoteImages) throws IOException {
        MimeMessage parsed;
        try (InputStream in = message.open()) {
            parsed = MimeReader.read(in, MimeReader.Depth.FULL);
        }
        if (parsed.html().isEmpty()) {
            Reply.error(exchange, 404, "message " + message.id() + " has no HTML part");
            return;
        }
        String body = HtmlSanitizer.sanitize(parsed.html().get().content(), remoteImages).html();
        exchange.getResponseHeaders().set("Content-Security-Policy", WebInbox.MAIL_POLICY);
        exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
        Reply.bytes(exchange, 200, "text/html; charset=utf-8",
                ("<!doctype html><html><head><meta charset=\"utf-8\"></head><body>" + body + "</body></html>")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private void part(HttpExchange exchange, StoredMessage message, String number) throws IOException {
        if (!number.matches("\\d{1,6}")) {
            Reply.error(exchange, 400, "a part is a number from 0: " + number);
            return;
        }
        try (InputStream in = message.open()) {
            Optional<MimeReader.PartContent> part = MimeReader.openPart(in, Integer.parseInt(number));
            if (part.isEmpty()) {
                Reply.error(exchange, 404, "message " + message.id() + " has no part " + number);
                return;
            }
            String filename = part.get().part().filename().isEmpty() ? "part-" + number
                    : part.get().part().filename();
            exchange.getResponseHeaders().set("Content-Security-Policy", WebInbox.DOWNLOAD_POLICY);
            // never the part's own type: a download, whatever the mail claims it is (RFC 6266 for the name)
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.getResponseHeaders().set("Content-Disposition", contentDisposition(filename));
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                part.get().content().transferTo(out);
            }
        }
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266 section 4.3). */
    static String contentDisposition(String filename) {
        String clean = filename.replaceAll("[\\x00-\\x1f\\x7f/\\\\]", "_").strip();
        String ascii = clean.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_");
        String encoded = URLEncoder.encode(clean, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** Server-sent events (WHATWG HTML, section 9.2): a {@code message} per change, a comment every 15 s. */
    private void events(HttpExchange exchange) throws IOException {
        Optional<MailEvents.Subscription> subscribed = events.subscribe();
        if (subscribed.isEmpty()) {
            Reply.error(exchange, 503, "too many open pages (" + MailEvents.MAX_SUBSCRIBERS + "): close one");
            return;
        }
        try (MailEvents.Subscription subscription = subscribed.get()) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("retry: 2000\n: connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                long change = subscription.next(KEEP_ALIVE_MILLIS);
                if (change == MailEvents.Subscription.CLOSED) {
                    break;
                }
                String event = change == 0 ? ": keep-alive\n\n" : "data: {\"change\":" + change + "}\n\n";
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("event stream ended: the inbox is closing");
        }
    }

    private static boolean allow(HttpExchange exchange, String... methods) throws IOException {
        for (String m : methods) {
            if (m.equals(exchange.getRequestMethod())) {
                return true;
            }
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", methods));
        Reply.error(exchange, 405, exchange.getRequestMethod() + " is not allowed here: use " + String.join(" or ", methods));
        return false;
    }

    /**
     * A deletion sent by a page of another site is refused: a browser says where a request comes from in
     * {@code Origin} (RFC 6454); a request without it (curl, a test) is not from a page.
     */
    private static boolean sameOrigin(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (origin == null || origin.equalsIgnoreCase("http://" + host)) {
            return true;
        }
        Reply.error(exchange, 403, "a deletion from another site (Origin: " + origin + ") is refused");
        return false;
    }

    private static int number(Map<String, String> query, String name, int defaultValue, int max) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        if (!value.matches("\\d{1,10}")) {
            return -1;
        }
        long n = Long.parseLong(value);
        return n > max ? -1 : (int) n;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /**
     * A message's line in the list.
     *
     * @param size the file's size when parsed
     * @param modified the file's modification time when parsed
     * @param json the summary as the API writes it
     * @param searchText From, To and Subject, lower case, for {@code query}
     */
    private record Summary(long size, long modified, Map<String, Object> json, String searchText) {

        static Summary of(StoredMessage file, MimeMessage parsed) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", file.id());
            json.put("from", parsed.header("From"));
            json.put("to", parsed.header("To"));
            json.put("cc", parsed.header("Cc"));
            json.put("subject", parsed.header("Subject"));
            json.put("date", parsed.header("Date"));
            json.put("received", Instant.ofEpochMilli(file.modified()).toString());
            json.put("size", file.size());
            json.put("attachments", parsed.attachmentCount());
            String search = (parsed.header("From") + "\n" + parsed.header("To") + "\n" + parsed.header("Subject"))
                    .toLowerCase(Locale.ROOT);
            return new Summary(file.size(), file.modified(), Collections.unmodifiableMap(json), search);
        }
    }
}
