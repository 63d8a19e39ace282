package dev.pillarbox.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pillarbox.smtp.client.SmtpClientException;
import dev.pillarbox.smtp.core.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven: the backoff schedule and how a reply or failure classifies a recipient. */
class OutcomeTest {

    @ParameterizedTest(name = "after attempt {0}: wait {1}s")
    @CsvSource({
        "1, 300", "2, 600", "3, 1200", "4, 2400", "5, 4000", "6, 4000", "50, 4000", "0, 300"})
    void postfix_default_backoff_doubles_up_to_the_maximum(int attempts, long seconds) {
        List<Duration> schedule = Backoff.doubling(ForwardSettings.MINIMAL_BACKOFF, ForwardSettings.MAXIMAL_BACKOFF);
        assertEquals(Duration.ofSeconds(seconds), Backoff.after(schedule, attempts));
    }

    @ParameterizedTest(name = "min {0}s max {1}s: {2}")
    @CsvSource({
        "60, 60, PT1M",
        "60, 200, PT1M PT2M PT3M20S",
        "1, 8, PT1S PT2S PT4S PT8S"})
    void doubling_schedules(long min, long max, String expected) {
        assertEquals(expected, String.join(" ", Backoff.doubling(Duration.ofSeconds(min), Duration.ofSeconds(max))
                .stream().map(Duration::toString).toList()));
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3} dsn {4}")
    @CsvSource(delimiter = '|', value = {
        "250 | 2.0.0 | Ok: queued as 4B1F2      | SENT     | 2.0.0",
        "250 |       | Ok                       | SENT     | 2.0.0",
        "251 | 2.1.5 | will forward             | SENT     | 2.1.5",
        "450 | 4.2.0 | mailbox busy             | DEFERRED | 4.2.0",
        "421 | 4.3.2 | shutting down            | DEFERRED | 4.3.2",
        "452 |       | too many recipients      | DEFERRED | 4.0.0",
        "550 | 5.1.1 | no such user             | BOUNCED  | 5.1.1",
        "554 |       | transaction failed       | BOUNCED  | 5.0.0",
        "354 |       | out of place             | DEFERRED | 4.0.0"})
    void replies_classify_recipients(int code, String enhanced, String text, Attempt.Status status, String dsn) {
        Reply reply = enhanced == null ? Reply.of(code, text) : Reply.of(code, enhanced, text);
        Attempt attempt = Attempt.of(reply);
        assertEquals(status, attempt.status());
        assertEquals(dsn, attempt.dsn());
    }

    @ParameterizedTest(name = "connecting {0}: {1}")
    @CsvSource({"true, 4.4.1", "false, 4.4.2"})
    void failures_without_a_reply_are_deferred(boolean connecting, String dsn) {
        Attempt attempt = Attempt.failure(new SmtpClientException("could not connect to 127.0.0.1:9: refused"),
                connecting);
        assertEquals(Attempt.Status.DEFERRED, attempt.status());
        assertEquals(dsn, attempt.dsn());
    }

    @ParameterizedTest(name = "{0} after {1}h of {2}h: {3} {4}")
    @CsvSource({
        "450, 1, 120, DEFERRED, 4.2.0",
        "450, 120, 120, BOUNCED, 5.2.0",
        "450, 121, 120, BOUNCED, 5.2.0",
        "250, 121, 120, SENT, 2.2.0",
        "550, 1, 120, BOUNCED, 5.2.0"})
    void the_queue_lifetime_turns_a_deferral_into_a_bounce(int code, long hours, long lifetime,
            Attempt.Status status, String dsn) {
        Instant arrival = Instant.parse("2026-01-01T00:00:00Z");
        Attempt attempt = Attempt.of(Reply.of(code, code / 100 + ".2.0", "x")).expired(arrival,
                arrival.plus(Duration.ofHours(hours)), Duration.ofHours(lifetime));
        assertEquals(status, attempt.status());
        assertEquals(dsn, attempt.dsn());
    }
}
