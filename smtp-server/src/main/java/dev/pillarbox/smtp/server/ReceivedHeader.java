package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.HeloName;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.net.IDN;
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
 * authenticated client (ESMTPSA); LMTP likewise; and RFC 6531 3.7.3 for a transaction that used SMTPUTF8
 * (UTF8SMTP, UTF8SMTPSA, UTF8LMTP...). {@code for} is given only for a single recipient, so that the header does
 * not disclose Bcc recipients to each other.
 *
 * <p>The client's HELO name appears as syntax only when it is a domain or an address literal ({@link HeloName});
 * one that is not (accepted under {@code helo-names: any}) is written as a comment after the client's address,
 * {@code from [192.0.2.1] (helo=x\(evil\)\ by\ fake)}, with RFC 5322 quoted-pairs, so that it cannot pose as
 * another clause. A U-label name is written in UTF-8 only for an SMTPUTF8 transaction (RFC 6532), otherwise as
 * A-labels.
 */
final class ReceivedHeader {

    private static final String SMTPUTF8 = "SMTPUTF8";
    // the longest HELO text quoted into the header: a domain's maximum (RFC 5321 4.5.3.1.2), so that the header
    // line stays far below RFC 5322's 998 octets whatever the command-line limit lets through
    private static final int MAX_QUOTED_HELO = 255;

    // RFC 5322 3.3 date-time, e.g. "Tue, 3 Jun 2025 10:00:00 +0000"
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT);
    // the date text of the last second any connection asked for: formatting it is the costliest part of the header
    private static volatile FormattedDate lastDate;

    private ReceivedHeader() {
    }

    /** The header with its CRLF, in US-ASCII (UTF-8 for an SMTPUTF8 transaction, RFC 6532). */
    static byte[] of(SessionView session, String id, ZonedDateTime now) {
        boolean utf8 = smtpUtf8(session);
        StringBuilder sb = new StringBuilder(200);
        sb.append("Received: from ");
        from(sb, session.heloName().orElse("unknown"), addressLiteral(session.remoteAddress().getAddress()), utf8);
        sb.append("\r\n\tby ").append(session.serverName()).append(" with ").append(protocol(session))
                .append(" id ").append(id);
        List<Recipient> recipients = session.envelope().recipients();
        if (recipients.size() == 1) {
            sb.append("\r\n\tfor ").append(angled(recipients.get(0).forwardPath().toString()));
        }
        sb.append("; ").append(date(now)).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 5321 4.4 {@code From-domain}: {@code helo ([ip])} for a name that is a domain or address literal, else
     * {@code [ip] (helo=...)} with the name only inside the comment.
     */
    static void from(StringBuilder sb, String helo, String ip, boolean utf8) {
        HeloName name;
        try {
            name = HeloName.parse(helo, true);
        } catch (AddressSyntaxException e) {
            name = null;
        }
        String asSyntax = name == null ? null : name.isAscii() || utf8 ? name.toString() : aLabels(name.toString());
        if (asSyntax != null) {
            sb.append(asSyntax).append(" (").append(ip).append(')');
            return;
        }
        sb.append(ip).append(" (helo=");
        comment(sb, helo, utf8);
        sb.append(')');
    }

    /** The A-label form of a U-label domain (RFC 5890), or null if the JDK's IDNA cannot convert it. */
    private static String aLabels(String domain) {
        try {
            return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Appends {@code text} as the inside of an RFC 5322 3.2.2 comment: {@code (}, {@code )}, {@code \} and spaces
     * as quoted-pairs (so that no part of it reads as a clause of its own), controls as {@code ?}, non-ASCII as
     * {@code ?} unless the message may carry UTF-8 (RFC 6532 3.2), at most {@link #MAX_QUOTED_HELO} characters.
     */
    static void comment(StringBuilder sb, String text, boolean utf8) {
        int end = text.offsetByCodePoints(0, Math.min(MAX_QUOTED_HELO, text.codePointCount(0, text.length())));
        for (int i = 0; i < end; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '(' || cp == ')' || cp == '\\' || cp == ' ' || cp == '\t') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && (!utf8 || cp < 0xa0))) {
                sb.append('?');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        if (end < text.length()) {
            sb.append("...");
        }
    }

    /** Whether the transaction used SMTPUTF8 (RFC 6531 3.4: the parameter on MAIL FROM). */
    static boolean smtpUtf8(SessionView session) {
        return session.envelope().mailParameters().contains(SMTPUTF8);
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

    /** RFC 3848 protocol type, with the RFC 6531 3.7.3 UTF8 names for an SMTPUTF8 transaction. */
    static String protocol(SessionView session) {
        boolean utf8 = smtpUtf8(session);
        String base;
        if (session.protocol() == Protocol.LMTP) {
            base = utf8 ? "UTF8LMTP" : "LMTP";
        } else if (utf8) {
            base = "UTF8SMTP"; // SMTPUTF8 is an ESMTP extension: there is no plain-SMTP variant
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
