package dev.pillarbox.forward;

import dev.pillarbox.smtp.client.SmtpTimeoutException;
import dev.pillarbox.smtp.core.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What one delivery attempt did for one recipient: the status it leads to, the enhanced status code and the text
 * that goes into the log line and a bounce.
 *
 * @param status sent, deferred or bounced
 * @param dsn the enhanced status code (RFC 3463), e.g. {@code 2.0.0}
 * @param detail the next hop's reply on one line, or what went wrong
 * @param replied true if the next hop's reply decided it (false for a connection failure or a timeout)
 */
record Attempt(Status status, String dsn, String detail, boolean replied) {

    /** The three outcomes of Postfix's {@code status=} field. */
    enum Status {
        SENT, DEFERRED, BOUNCED;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** RFC 5321 4.2.1: 2yz done, 4yz try again later, 5yz do not (3yz out of place here: try again). */
    static Attempt of(Reply reply) {
        int code = reply.code().value();
        Status status = code >= 200 && code < 300 ? Status.SENT : code >= 500 && code < 600 ? Status.BOUNCED
                : Status.DEFERRED;
        String dsn = reply.enhancedCode().map(Object::toString)
                .filter(e -> e.charAt(0) == classDigit(status)).orElse(classDigit(status) + ".0.0");
        return new Attempt(status, dsn, oneLine(reply), true);
    }

    /**
     * A failure before any reply decided: a refused or dropped connection, a timeout (RFC 5321 4.5.4.1: try again).
     * RFC 3463: 4.4.1 no answer from host, 4.4.2 bad connection.
     */
    static Attempt failure(Exception e, boolean connecting) {
        String dsn = e instanceof SmtpTimeoutException || connecting ? "4.4.1" : "4.4.2";
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        return new Attempt(Status.DEFERRED, dsn, text.replace("\r", " ").replace("\n", " "), false);
    }

    /** A recipient that cannot be tried: no route now, or the hop lacks an extension the message needs. */
    static Attempt unroutable(String why) {
        return new Attempt(Status.DEFERRED, "4.4.0", why, false);
    }

    /** A permanent local refusal (the message needs what the hop does not offer, RFC 3463 5.6.x / 5.3.4). */
    static Attempt refused(String dsn, String why) {
        return new Attempt(Status.BOUNCED, dsn, why, false);
    }

    /**
     * This attempt as it stands once the queue lifetime is considered: a deferral of a message older than
     * {@code lifetime} becomes a bounce (Postfix's maximal_queue_lifetime; RFC 5321 4.5.4.1 "give up").
     */
    Attempt expired(Instant arrival, Instant now, Duration lifetime) {
        if (status != Status.DEFERRED || now.isBefore(arrival.plus(lifetime))) {
            return this;
        }
        return new Attempt(Status.BOUNCED, "5" + dsn.substring(1), detail + " (gave up after the queue lifetime of "
                + lifetime + ")", replied);
    }

    /** The reply's text on one line: {@code 550 5.1.1 no such user}; several lines joined with a space. */
    static String oneLine(Reply reply) {
        List<String> lines = reply.lines();
        StringBuilder sb = new StringBuilder().append(reply.code().value());
        reply.enhancedCode().ifPresent(c -> sb.append(' ').append(c));
        for (String line : lines) {
            sb.append(' ').append(line);
        }
        return sb.toString().replace("\r", " ").replace("\n", " ").strip();
    }

    private static char classDigit(Status status) {
        return status == Status.SENT ? '2' : status == Status.BOUNCED ? '5' : '4';
    }
}
