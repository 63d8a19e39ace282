package dev.pillarbox.smtp.plugins.examples.httpdelivery;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/**
 * POSTs each message to the configured endpoint: the content (the server's {@code Received:} header, then the
 * message as received) as a {@code message/rfc822} body, streamed from the store, and the envelope in request
 * headers ({@code X-Envelope-From}, one {@code X-Envelope-To} per recipient, {@code X-Smtp-Session}).
 *
 * <ul>
 *   <li>2xx: the message is delivered; the hook answers ACCEPT with {@code 250 2.0.0 OK: delivered (HTTP 202)},
 *       so no later message hook can refuse a message that already left the server.</li>
 *   <li>any other status: {@code 451 4.3.0} (the endpoint refused; the client retries, RFC 5321 4.5.4.1).</li>
 *   <li>no answer within the timeout, or no connection: {@code 451 4.4.1}.</li>
 * </ul>
 *
 * Never a 5yz: an endpoint's bad day must not bounce mail.
 */
@Singleton
final class HttpDelivery implements MessageHook {

    private final HttpDeliverySettings settings;
    private final HttpClient client;

    @Inject
    HttpDelivery(HttpDeliverySettings settings) {
        this.settings = settings;
        // made at start-up by the injector, not in configure(): a client may start a selector thread
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public HookPosition position() {
        return HookPosition.LATE; // after content checks, so a message that will be refused is never sent
    }

    @Override
    public HookResult onMessage(SessionView session, Message message) throws IOException {
        // opened outside the try, so that a store failure is this hook's IOException (451 4.3.0 by the server)
        InputStream content = message.openContent();
        HttpResponse<Void> response;
        try (content) {
            response = client.send(request(session, message, content), HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return HookResult.defer(Reply.of(451, "4.4.1", "Delivery endpoint unreachable, try again later"));
        } catch (HttpTimeoutException e) {
            return HookResult.defer(Reply.of(451, "4.4.1", "Delivery endpoint did not answer within "
                    + settings.timeout().toMillis() + " ms, try again later"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is shutting down
            return HookResult.defer(Reply.of(451, "4.3.0", "Delivery interrupted, try again later"));
        } catch (IOException e) {
            return HookResult.defer(Reply.of(451, "4.4.1", "Delivery endpoint failed, try again later"));
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return HookResult.accept(Reply.of(250, "2.0.0", "OK: delivered (HTTP " + status + ")"));
        }
        return HookResult.defer(Reply.of(451, "4.3.0",
                "Delivery endpoint refused the message (HTTP " + status + "), try again later"));
    }

    private HttpRequest request(SessionView session, Message message, InputStream content) {
        Envelope envelope = message.envelope();
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.timeout())
                .header("Content-Type", "message/rfc822")
                .header("X-Envelope-From", envelope.reversePath().map(Object::toString).orElse("<>"))
                .header("X-Smtp-Session", session.id());
        for (Recipient recipient : envelope.recipients()) {
            builder.header("X-Envelope-To", recipient.forwardPath().toString());
        }
        // streamed from the store, never held in memory; a known length avoids chunked encoding
        // (the client asks for the stream once: no redirects are followed and no authenticator is set)
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> content), message.size());
        return builder.POST(body).build();
    }
}
