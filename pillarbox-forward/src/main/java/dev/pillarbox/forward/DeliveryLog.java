package dev.pillarbox.forward;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per delivery attempt per recipient, in the style of Postfix's delivery agents:
 * {@code 0193A1B2C3D4E: to=<bob@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1.2, dsn=2.0.0,
 * status=sent (250 2.0.0 Ok: queued as 4B1F2)}. Logged at INFO by the logger {@value #LOGGER}.
 */
final class DeliveryLog {

    /** The logger's name. */
    static final String LOGGER = "dev.pillarbox.forward.delivery";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private DeliveryLog() {
    }

    /** The line for {@code attempt} of recipient {@code to} of message {@code id}. */
    static String line(String id, String to, String relay, Duration delay, Attempt attempt) {
        return String.format(Locale.ROOT, "%s: to=<%s>, relay=%s, delay=%.1f, dsn=%s, status=%s (%s)", id, to, relay,
                delay.toMillis() / 1000.0, attempt.dsn(), attempt.status().word(), attempt.detail());
    }

    /** Logs the line for an attempt: deferrals and bounces at WARN, deliveries at INFO. */
    static void log(String id, String to, String relay, Duration delay, Attempt attempt) {
        String line = line(id, to, relay, delay, attempt);
        if (attempt.status() == Attempt.Status.SENT) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
    }

    /** Logs a line about a message as a whole (removed, a notification queued, kept on hold). */
    static void message(String id, String text) {
        LOG.info("{}: {}", id, text);
    }
}
