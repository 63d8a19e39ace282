package dev.pillarbox.smtp.server.verbs;

import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply wordings of the server and its built-in verbs that the shared {@link Replies} catalogue does not have.
 * Call sites use these, never a reply string built in place.
 */
public final class ServerReplies {

    private ServerReplies() {
    }

    /** 214 2.0.0 answer to HELP (RFC 5321 4.1.1.8): short, and pointing at the RFC rather than listing verbs. */
    public static final Reply HELP = Reply.of(214, "2.0.0",
            "Pillarbox SMTP server; commands are described in RFC 5321");

    /**
     * 502 5.5.1 answer to EXPN: expanding mailing lists discloses their members, and RFC 5321 7.3 lets a site
     * disable it. A plugin may replace EXPN with {@code SmtpBinder.replaceVerb}.
     */
    public static final Reply EXPN_DISABLED = Reply.of(502, "5.5.1", "EXPN is not supported");

    /** 553 5.6.7: a non-ASCII address without SMTPUTF8 on MAIL FROM (RFC 6531 3.7.4.1). */
    public static final Reply NON_ASCII_ADDRESS = Reply.of(553, "5.6.7",
            "Non-ASCII address requires the SMTPUTF8 parameter");

    /** 454 4.7.0 when STARTTLS cannot be started (RFC 3207 4). */
    public static final Reply TLS_NOT_AVAILABLE = Reply.of(454, "4.7.0", "TLS not available due to temporary reason");

    /** 500 5.5.1 for HELO or EHLO on an LMTP listener (RFC 2033 4.1: "The 500 reply code is recommended"). */
    public static final Reply LMTP_NEEDS_LHLO = Reply.of(500, "5.5.1",
            "Command not recognized: this is an LMTP service, use LHLO");

    /** The 220 greeting of a listener: it names the protocol, ESMTP or LMTP (RFC 5321 4.2, RFC 2033 4.1). */
    public static Reply greeting(String hostname, Protocol protocol) {
        return protocol == Protocol.LMTP ? Replies.lmtpGreeting(hostname) : Replies.greeting(hostname);
    }

    /** 501 5.5.4 for DATA, RSET or QUIT given an argument. */
    public static Reply noArguments(String verb) {
        return Replies.syntaxError("Syntax error: " + verb + " takes no arguments");
    }

    /** 501 5.5.4 for VRFY without an argument. */
    public static final Reply VRFY_NEEDS_ARGUMENT =
            Replies.syntaxError("Syntax error: VRFY needs a user name or mailbox");

    /** 250 answer to HELO: the server's name (RFC 5321 4.1.1.1). */
    public static Reply helo(String hostname) {
        return Reply.of(250, hostname);
    }

    /** Multi-line 250 answer to EHLO: the server's name, then one EHLO keyword per line (RFC 5321 4.1.1.1). */
    public static Reply ehlo(String hostname, List<String> keywords) {
        List<String> lines = new ArrayList<>(keywords.size() + 1);
        lines.add(hostname);
        lines.addAll(keywords);
        return Reply.multiline(250, lines);
    }
}
