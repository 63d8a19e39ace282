package dev.pillarbox.smtp.client;

import java.time.Duration;
import java.util.function.Function;

/** What the client is waiting for, which {@link Timeouts} limit bounds it, and where that limit comes from. */
enum Step {
    CONNECT("connect", Timeouts::connect, null),
    GREETING("greeting", Timeouts::greeting, "RFC 5321 4.5.3.2.1"),
    TLS_ON_CONNECT("greeting", Timeouts::greeting, "RFC 5321 4.5.3.2.1"),
    COMMAND("command", Timeouts::command, null),
    /** QUIT on close: a server that does not answer must not hold up closing for the full command timeout. */
    QUIT("QUIT", t -> t.command().compareTo(Duration.ofSeconds(10)) < 0 ? t.command() : Duration.ofSeconds(10), null),
    MAIL("MAIL", Timeouts::mail, "RFC 5321 4.5.3.2.2"),
    RCPT("RCPT", Timeouts::rcpt, "RFC 5321 4.5.3.2.3"),
    DATA_INITIATION("DATA initiation", Timeouts::dataInitiation, "RFC 5321 4.5.3.2.4"),
    DATA_BLOCK("data block", Timeouts::dataBlock, "RFC 5321 4.5.3.2.5"),
    DATA_TERMINATION("DATA termination", Timeouts::dataTermination, "RFC 5321 4.5.3.2.6");

    private final String timeoutName;
    private final Function<Timeouts, Duration> limit;
    private final String source;

    Step(String timeoutName, Function<Timeouts, Duration> limit, String source) {
        this.timeoutName = timeoutName;
        this.limit = limit;
        this.source = source;
    }

    Duration limit(Timeouts timeouts) {
        return limit.apply(timeouts);
    }

    /** E.g. "MAIL timeout, RFC 5321 4.5.3.2.2". */
    String describe() {
        return timeoutName + " timeout" + (source == null ? "" : ", " + source);
    }

    /** A duration as people write it: 250 ms, 1.5 s, 5 min. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return (ms % 1000 == 0 ? Long.toString(ms / 1000) : String.valueOf(ms / 1000.0)) + " s";
        }
        return (ms % 60_000 == 0 ? Long.toString(ms / 60_000) : String.valueOf(ms / 60_000.0)) + " min";
    }
}
