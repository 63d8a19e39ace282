package dev.pillarbox.server.maildir;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes unique Maildir file names of the form {@code <seconds>.M<micros>P<pid>Q<counter>.<host>}, as the
 * Maildir specification (cr.yp.to/proto/maildir.html, "modern delivery identifiers") describes: the time,
 * the microseconds within that second, the process id and a per-process delivery counter, then the host name
 * with {@code /} and {@code :} escaped as {@code \057} and {@code \072} (a {@code :} would start the info part,
 * a {@code /} would be a directory).
 */
public final class MaildirNames {

    /**
     * The Q counter must be unique within the process, not within one store: two stores of the same process
     * writing to one Maildir in the same microsecond would otherwise make the same name.
     */
    private static final AtomicLong DELIVERIES = new AtomicLong();

    private final Clock clock;
    private final long pid;
    private final String host;

    private MaildirNames(Clock clock, long pid, String host) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pid = pid;
        this.host = escapeHost(host);
    }

    /** Names for this process on {@code host}, timed by the system clock. */
    public static MaildirNames forHost(String host) {
        return new MaildirNames(Clock.systemUTC(), ProcessHandle.current().pid(), host);
    }

    /** Names with a given clock and process id, for tests. */
    static MaildirNames of(Clock clock, long pid, String host) {
        return new MaildirNames(clock, pid, host);
    }

    /** A new unique name. */
    public String next() {
        Instant now = clock.instant();
        long micros = now.getNano() / 1_000;
        return now.getEpochSecond() + ".M" + micros + "P" + pid + "Q" + DELIVERIES.incrementAndGet() + "." + host;
    }

    /** The host part as it appears in names. */
    public String host() {
        return host;
    }

    /** Escapes {@code /} and {@code :} as the Maildir specification asks; a blank name becomes "localhost". */
    static String escapeHost(String host) {
        String h = host == null || host.isBlank() ? "localhost" : host.strip();
        StringBuilder out = new StringBuilder(h.length());
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == '/') {
                out.append("\\057");
            } else if (c == ':') {
                out.append("\\072");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
