package dev.pillarbox.server.cli;

import dev.pillarbox.metrics.Metrics;
import dev.pillarbox.server.http.Health;
import dev.pillarbox.server.http.HttpResponse;
import dev.pillarbox.server.http.HttpRoute;
import dev.pillarbox.server.maildir.MaildirStore;
import dev.pillarbox.smtp.server.SmtpServer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The pages of the reference server's metrics endpoint ({@code metrics: HOST:PORT}): {@code /metrics} in the
 * Prometheus text format, {@code /health/live}, and {@code /health/ready}, which is ready when the SMTP listeners
 * accept connections and every required delivery target can take a message ({@code DeliveryTarget.ready()}; for
 * the Maildir {@link MaildirStore#probe()} says what is wrong; the discard store always can).
 */
final class OperatorRoutes {

    /** The metrics page's path. */
    static final String METRICS = "/metrics";

    private OperatorRoutes() {
    }

    /** The routes for {@code server}, whose store is {@code maildir} (null for the discard store). */
    static List<HttpRoute> of(SmtpServer server, MaildirStore maildir, Metrics metrics) {
        List<HttpRoute> routes = new ArrayList<>();
        routes.add(new HttpRoute(METRICS, request -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            metrics.scrape(out);
            return new HttpResponse(200, Metrics.CONTENT_TYPE, out.toByteArray());
        }));
        routes.addAll(Health.routes(List.of(
                new Health.Check("listeners", () -> {
                    if (!server.isListening()) {
                        throw new IllegalStateException(server.isShuttingDown() ? "shutting down"
                                : "the SMTP listeners do not accept connections");
                    }
                }),
                new Health.Check("store", () -> {
                    if (maildir != null) {
                        maildir.probe(); // says what is wrong with the Maildir
                    }
                    List<String> notReady = server.deliveryTargetsNotReady();
                    if (!notReady.isEmpty()) {
                        throw new IllegalStateException("delivery targets not ready: " + String.join(", ", notReady));
                    }
                }))));
        return routes;
    }
}
