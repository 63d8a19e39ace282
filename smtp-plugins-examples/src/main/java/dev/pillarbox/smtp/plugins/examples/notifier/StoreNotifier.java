package dev.pillarbox.smtp.plugins.examples.notifier;

import dev.pillarbox.smtp.plugins.api.AcceptedMessage;
import dev.pillarbox.smtp.plugins.api.AfterStoreHook;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a message was stored and answered, POSTs its queue id and envelope as JSON to an HTTP endpoint:
 * {@code {"queueId":"...","from":"a@example.org","recipients":["b@example.net"],"octets":312}}. The request is sent
 * asynchronously (the JDK's {@link HttpClient}), so the session thread only queues it: nothing here can delay the
 * 250, which was sent before this stage runs anyway. A failed attempt (no connection, a timeout, a non-2xx answer)
 * is retried after a backoff that doubles, up to {@code attempts}; then it is logged and counted as given up. At
 * most {@code max-pending} notifications are in flight; more are dropped and logged.
 */
@Singleton
final class StoreNotifier implements AfterStoreHook {

    private static final Logger LOG = LoggerFactory.getLogger(StoreNotifier.class);

    private final NotifierSettings settings;
    private final HttpClient client;
    private final Semaphore pending;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();

    @Inject
    StoreNotifier(NotifierSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.pending = new Semaphore(settings.maxPending());
    }

    @Override
    public HookPosition position() {
        return HookPosition.LATE; // after accounting hooks that must see the message first
    }

    @Override
    public void afterStore(SessionView session, AcceptedMessage accepted) {
        if (!pending.tryAcquire()) {
            givenUp.incrementAndGet();
            LOG.warn("store notification for {} dropped: {} already pending", accepted.queueId(),
                    settings.maxPending());
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(accepted), StandardCharsets.UTF_8)).build();
        attempt(request, accepted.queueId(), 1, settings.backoff()).whenComplete((ok, e) -> pending.release());
    }

    private CompletableFuture<Boolean> attempt(HttpRequest request, String queueId, int attempt, Duration wait) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
                return CompletableFuture.completedFuture(true);
            }
            String why = error != null ? error.toString() : "HTTP " + response.statusCode();
            if (attempt >= settings.attempts()) {
                givenUp.incrementAndGet();
                LOG.warn("store notification for {} given up after {} attempts: {}", queueId, attempt, why);
                return CompletableFuture.completedFuture(false);
            }
            LOG.debug("store notification for {} failed (attempt {}): {}", queueId, attempt, why);
            Executor later = CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(x -> attempt(request, queueId, attempt + 1, wait.multipliedBy(2)));
        }).thenCompose(f -> f);
    }

    /** Notifications the endpoint took. */
    long delivered() {
        return delivered.get();
    }

    /** Notifications given up after their last attempt, or dropped. */
    long givenUp() {
        return givenUp.get();
    }

    static String json(AcceptedMessage accepted) {
        StringJoiner recipients = new StringJoiner(",", "[", "]");
        for (Recipient recipient : accepted.envelope().recipients()) {
            recipients.add(string(recipient.forwardPath().toString()));
        }
        String from = accepted.envelope().reversePath().map(Object::toString).orElse("");
        return "{\"queueId\":" + string(accepted.queueId()) + ",\"from\":" + string(unbracket(from))
                + ",\"recipients\":" + recipients.toString().replace("\"<", "\"").replace(">\"", "\"")
                + ",\"octets\":" + accepted.octets() + "}";
    }

    private static String unbracket(String path) {
        return path.startsWith("<") && path.endsWith(">") ? path.substring(1, path.length() - 1) : path;
    }

    // a JSON string (RFC 8259 7): quotes, backslashes and control characters escaped
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
