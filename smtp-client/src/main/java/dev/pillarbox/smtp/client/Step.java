package dev.pillarbox.smtp.client;

import java.time.Duration;

/** What the client is waiting for, which {@link Timeouts} limit bounds it, and where that limit comes from. */
enum Step {
    CONNECT("connect", null),
    GREETING("greeting", "RFC 5321 4.5.3.2.1"),
    TLS_ON_CONNECT("greeting", "RFC 5321 4.5.3.2.1"),
    COMMAND("command", null),
    /** QUIT on close: a server that does not answer must not hold up closing for the full command timeout. */
    QUIT("QUIT", null),
    MAIL("MAIL", "RFC 5321 4.5.3.2.2"),
    RCPT("RCPT", "RFC 5321 4.5.3.2.3"),
    DATA_INITIATION("DATA initiation", "RFC 5321 4.5.3.2.4"),
    DATA_BLOCK("data block", "RFC 5321 4.5.3.2.5"),
    DATA_TERMINATION("DATA termination", "RFC 5321 4.5.3.2.6");

    private static final Duration QUIT_LIMIT = Duration.ofSeconds(10);

    private final String timeoutName;
    private final String source;

    Step(String timeoutName, String source) {
        this.timeoutName = timeoutName;
        this.source = source;
    }

    Duration limit(Timeouts t) {
        switch (this) {
            case CONNECT:
                return t.connect();
            case GREETING:
            case TLS_ON_CONNECT:
                return t.greeting();
            case QUIT:
                return t.command().compareTo(QUIT_LIMIT) < 0 ? t.command() : QUIT_LIMIT;
            case MAIL:
                return t.mail();
            case RCPT:
                return t.rcpt();
            case DATA_INITIATION:
                return t.dataInitiation();
            case DATA_BLOCK:
                return t.dataBlock();
            case DATA_TERMINATION:
                return t.dataTermination();
            default:
                return t.command();
        }
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
