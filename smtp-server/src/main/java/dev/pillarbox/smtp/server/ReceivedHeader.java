package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Received:} trace header the server prepends to every message (RFC 5321 4.4), e.g.
 *
 * <pre>
 * Received: from client.example ([192.0.2.1])
 *         by mx.example with ESMTPS id 0a1b.1
 *         for &lt;bob@example.org&gt;; Tue, 3 Jun 2025 10:00:00 +0000
 * </pre>
 *
 * The "with" keyword follows RFC 3848: SMTP after HELO, ESMTP after EHLO, an S for TLS and an A for an
 * authenticated client (ESMTPSA); LMTP likewise. {@code for} is given only for a single recipient, so that the
 * header does not disclose Bcc recipients to each other.
 */
final class ReceivedHeader {

    // RFC 5322 3.3 date-time, e.g. "Tue, 3 Jun 2025 10:00:00 +0000"
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT);
    // the date text of the last second any connection asked for: formatting it is the costliest part of the header
    private static volatile FormattedDate lastDate;

    private ReceivedHeader() {
    }

    /** The header with its CRLF, in US-ASCII (UTF-8 for an internationalised HELO name, RFC 6532). */
    static byte[] of(SessionView session, String id, ZonedDateTime now) {
        StringBuilder sb = new StringBuilder(200);
        sb.append("Received: from ").append(session.heloName().orElse("unknown"))
                .append(" (").append(addressLiteral(session.remoteAddress().getAddress())).append(")\r\n")
                .append("\tby ").append(session.serverName()).append(" with ").append(protocol(session))
                .append(" id ").append(id);
        List<Recipient> recipients = session.envelope().recipients();
        if (recipients.size() == 1) {
            sb.append("\r\n\tfor ").append(angled(recipients.get(0).forwardPath().toString()));
        }
        sb.append("; ").append(date(now)).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The RFC 5322 3.3 date-time of {@code now}, formatted once per second and offset. */
    static String date(ZonedDateTime now) {
        long second = now.toEpochSecond();
        int offset = now.getOffset().getTotalSeconds();
        FormattedDate last = lastDate;
        if (last == null || last.second != second || last.offset != offset) {
            last = new FormattedDate(second, offset, DATE.format(now));
            lastDate = last;
        }
        return last.text;
    }

    /** A formatted date and the instant (whole second and UTC offset) it stands for. */
    private static final class FormattedDate {
        final long second;
        final int offset;
        final String text;

        FormattedDate(long second, int offset, String text) {
            this.second = second;
            this.offset = offset;
            this.text = text;
        }
    }

    /** RFC 3848 protocol type. */
    static String protocol(SessionView session) {
        String base;
        if (session.protocol() == Protocol.LMTP) {
            base = "LMTP";
        } else {
            base = session.extended() ? "ESMTP" : "SMTP";
        }
        if (base.equals("SMTP")) {
            return base;
        }
        String suffix = (session.isTls() ? "S" : "") + (session.authenticatedIdentity().isPresent() ? "A" : "");
        return base + suffix;
    }

    /** RFC 5321 4.1.3 address literal: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    static String addressLiteral(InetAddress address) {
        if (address instanceof Inet6Address) {
            String text = address.getHostAddress();
            int scope = text.indexOf('%');
            return "[IPv6:" + (scope < 0 ? text : text.substring(0, scope)) + "]";
        }
        return "[" + address.getHostAddress() + "]";
    }

    private static String angled(String path) {
        return path.startsWith("<") ? path : "<" + path + ">";
    }
}
