package dev.pillarbox.forward;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message in the queue as its state file records it: the envelope (reverse-path, MAIL parameters, recipients
 * with their RCPT parameters), when it arrived, and where each recipient stands. Immutable; updates make a new one.
 *
 * @param id the queue id (also the file names)
 * @param arrival when the 250 was given
 * @param reportingMta the server's host name when it took the message (Reporting-MTA of a bounce)
 * @param client the address of the client that sent it, for a bounce's Received-From-MTA
 * @param reversePath the reverse-path's mailbox, or the empty string for the null path {@code <>}
 * @param mailParameters the MAIL FROM parameters as received (RET, ENVID in xtext, BODY, SMTPUTF8)
 * @param recipients the recipients in RCPT order
 * @param held true while an operator holds it (not delivered until released)
 */
public record QueuedMessage(String id, Instant arrival, String reportingMta, String client, String reversePath,
        Map<String, String> mailParameters, List<QueuedRecipient> recipients, boolean held) {

    private static final String MAGIC = "pillarbox-queue 1";

    /** Validates the components. */
    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        // the state file keeps milliseconds
        arrival = arrival.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(reversePath, "reversePath");
        mailParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mailParameters));
        recipients = List.copyOf(recipients);
    }

    /** True for the null reverse-path: a bounce or other notification, which never gets a bounce (RFC 5321 4.5.5). */
    public boolean nullSender() {
        return reversePath.isEmpty();
    }

    /** True when every recipient is sent or bounced. */
    public boolean done() {
        return recipients.stream().allMatch(r -> r.state().isFinal());
    }

    /** This message with {@code recipients} instead. */
    QueuedMessage withRecipients(List<QueuedRecipient> updated) {
        return new QueuedMessage(id, arrival, reportingMta, client, reversePath, mailParameters, updated, held);
    }

    /** This message held or released. */
    QueuedMessage withHeld(boolean hold) {
        return new QueuedMessage(id, arrival, reportingMta, client, reversePath, mailParameters, recipients, hold);
    }

    /** The state file's text: one {@code key value} line each, values escaped, ending in {@code end}. */
    byte[] encode() {
        StringBuilder sb = new StringBuilder(256);
        sb.append(MAGIC).append('\n');
        line(sb, "id", id);
        line(sb, "arrival", Long.toString(arrival.toEpochMilli()));
        line(sb, "reporting-mta", reportingMta);
        line(sb, "client", client);
        line(sb, "held", Boolean.toString(held));
        line(sb, "from", reversePath);
        mailParameters.forEach((k, v) -> line(sb, "mail-param", v.isEmpty() ? k : k + "=" + v));
        for (QueuedRecipient r : recipients) {
            line(sb, "rcpt", r.address());
            r.parameters().forEach((k, v) -> line(sb, "rcpt-param", v.isEmpty() ? k : k + "=" + v));
            line(sb, "rcpt-state", r.state().name() + " " + r.attempts() + " " + r.nextAttempt().toEpochMilli()
                    + " " + r.delayNotified());
            line(sb, "rcpt-relay", r.relay());
            line(sb, "rcpt-reply", r.lastReply());
        }
        sb.append("end\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a state file's text. */
    static QueuedMessage decode(byte[] bytes) throws IOException {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 2 || !lines[0].equals(MAGIC)) {
            throw new IOException("not a queue state file (first line \"" + (lines.length == 0 ? "" : lines[0])
                    + "\")");
        }
        Map<String, String> single = new LinkedHashMap<>();
        Map<String, String> mailParameters = new LinkedHashMap<>();
        List<QueuedRecipient> recipients = new ArrayList<>();
        String address = null;
        Map<String, String> params = new LinkedHashMap<>();
        String[] state = null;
        String relay = "none";
        boolean ended = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("end")) {
                ended = true;
                break;
            }
            int sp = line.indexOf(' ');
            String key = sp < 0 ? line : line.substring(0, sp);
            String value = sp < 0 ? "" : unescape(line.substring(sp + 1));
            switch (key) {
                case "mail-param" -> put(mailParameters, value);
                case "rcpt" -> {
                    address = value;
                    params = new LinkedHashMap<>();
                    state = null;
                    relay = "none";
                }
                case "rcpt-param" -> put(params, value);
                case "rcpt-state" -> state = value.split(" ");
                case "rcpt-relay" -> relay = value;
                case "rcpt-reply" -> {
                    if (address == null || state == null || state.length != 4) {
                        throw new IOException("queue state file: rcpt-reply without rcpt and rcpt-state");
                    }
                    recipients.add(new QueuedRecipient(address, params, QueuedRecipient.State.valueOf(state[0]),
                            Integer.parseInt(state[1]), Instant.ofEpochMilli(Long.parseLong(state[2])), value, relay,
                            Boolean.parseBoolean(state[3])));
                    address = null;
                }
                default -> single.put(key, value);
            }
        }
        if (!ended) {
            throw new IOException("queue state file is incomplete (no end line)");
        }
        try {
            return new QueuedMessage(single.get("id"), Instant.ofEpochMilli(Long.parseLong(single.get("arrival"))),
                    single.getOrDefault("reporting-mta", "localhost"), single.getOrDefault("client", ""),
                    single.getOrDefault("from", ""), mailParameters, recipients,
                    Boolean.parseBoolean(single.get("held")));
        } catch (RuntimeException e) {
            throw new IOException("queue state file is damaged: " + e, e);
        }
    }

    private static void put(Map<String, String> map, String parameter) {
        int eq = parameter.indexOf('=');
        map.put(eq < 0 ? parameter : parameter.substring(0, eq), eq < 0 ? "" : parameter.substring(eq + 1));
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append(' ');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        sb.append('\n');
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
