package dev.pillarbox.smtp.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalog of SMTP reply codes: every code RFC 5321 4.2.2/4.2.3 defines, plus those of the common
 * extensions — STARTTLS (RFC 3207), AUTH (RFC 4954), CHUNKING (RFC 3030), SMTPUTF8 (RFC 6531) and RFC 7504's
 * 521 and 556 — each with a title, description, when a client sees it and how to fix the cause.
 *
 * <p>One entry per code: where an extension gives an existing code another use (454 for STARTTLS and AUTH,
 * 553 5.6.7 for SMTPUTF8, 250/503/552 for BDAT), the entry says so and names both sources. This class holds
 * the only copy of the texts; {@link ReplyCode#info()} and {@link ReplyCodeComparison} read them from here.
 */
public final class ReplyCodeCatalog {

    private static final Map<Integer, ReplyCodeInfo> INFO = new TreeMap<>();

    static {
        add(211, "System status, or system help reply", "RFC 5321 4.2.2, 4.2.3",
                "A positive completion reply carrying system status or help information for a human reader.",
                "In answer to HELP (RFC 5321 4.1.1.8) or a status request; many servers answer HELP with 214.",
                "Nothing to fix: it is a success reply. Programs must not depend on its text.");
        add(214, "Help message", "RFC 5321 4.2.2, 4.1.1.8",
                "Information on how to use the server or on the meaning of a particular non-standard command; "
                        + "useful only to a human user.",
                "In answer to HELP, with or without an argument.",
                "Nothing to fix: read the text. Programs must not depend on its content.");
        add(220, "<domain> Service ready", "RFC 5321 4.2.2, 3.1; RFC 3207 4",
                "The server is ready to serve the client: the connection greeting, starting with the server's "
                        + "domain. RFC 3207 also answers STARTTLS with 220 (\"Ready to start TLS\").",
                "As the first reply after the connection opens (RFC 5321 3.1), and in answer to STARTTLS.",
                "Nothing to fix. After the greeting send EHLO (or HELO). After 220 to STARTTLS start the TLS "
                        + "handshake at once, forget what the server said before, and send EHLO again "
                        + "(RFC 3207 4.2).");
        add(221, "<domain> Service closing transmission channel", "RFC 5321 4.2.2, 4.1.1.10",
                "The server acknowledges QUIT and closes the connection.",
                "In answer to QUIT.",
                "Nothing to fix: close the connection after reading the reply.");
        add(250, "Requested mail action okay, completed", "RFC 5321 4.2.2; RFC 3030 2",
                "The command succeeded. After the end of DATA it means the server has taken responsibility "
                        + "for the message. With CHUNKING (RFC 3030) every successfully received BDAT chunk is "
                        + "answered with 250, and BDAT LAST with 250 once the message is accepted.",
                "After a successful HELO, EHLO (a multi-line reply listing the extensions), MAIL, RCPT, RSET, "
                        + "NOOP, VRFY, BDAT, or the final \".\" of DATA.",
                "Nothing to fix. A message accepted with 250 must not be sent again.");
        add(251, "User not local; will forward to <forward-path>", "RFC 5321 4.2.2, 3.4",
                "The recipient is not local, but the server accepts the message and will forward it; the text "
                        + "names the forward-path.",
                "In answer to RCPT or VRFY.",
                "Nothing to fix: the message will be forwarded. The sender may update the stored address.");
        add(252, "Cannot VRFY user, but will accept message and attempt delivery", "RFC 5321 4.2.2, 3.5.3",
                "The server will not say whether the mailbox exists (often for privacy) but accepts mail for it.",
                "In answer to VRFY.",
                "Nothing to fix: send the message with RCPT TO; VRFY cannot confirm addresses on this server.");
        add(334, "Server challenge (AUTH continuation)", "RFC 4954 4",
                "A positive intermediate reply in an AUTH exchange: the text is a BASE64-encoded challenge "
                        + "(possibly empty) and the server waits for the client's response line.",
                "After AUTH with a mechanism that needs more data, and after each client response until the "
                        + "exchange ends.",
                "Nothing to fix: send the BASE64-encoded response on one line, or \"*\" to cancel the "
                        + "exchange (the server then answers 501).");
        add(235, "Authentication succeeded", "RFC 4954 6",
                "The AUTH exchange completed (enhanced code 2.7.0); the client is authenticated for the rest "
                        + "of the session.",
                "At the end of a successful AUTH exchange.",
                "Nothing to fix: continue with MAIL. A second AUTH in the same session is answered with 503.");
        add(354, "Start mail input; end with <CRLF>.<CRLF>", "RFC 5321 4.2.2, 4.1.1.4, 4.5.2",
                "A positive intermediate reply: the server accepts DATA and waits for the message. The client "
                        + "streams the message, doubling a \".\" at the start of a line (RFC 5321 4.5.2), and "
                        + "ends it with CRLF.CRLF.",
                "After DATA, once MAIL and at least one RCPT have been accepted.",
                "Nothing to fix: send the message and its final CRLF.CRLF, then wait for the final reply; the "
                        + "message is not accepted until that reply is 250.");
        add(421, "<domain> Service not available, closing transmission channel", "RFC 5321 4.2.2, 3.8",
                "A transient negative reply: the server is shutting down or cannot serve the client now, and "
                        + "closes the connection after this reply.",
                "As the greeting or in answer to any command: at shutdown, when there are too many "
                        + "connections, after an idle timeout or after too many errors.",
                "Reconnect later; mail is retried with the usual back-off. If it persists, the client may be "
                        + "rate-limited, idle too long or sending errors; check the text.");
        add(432, "A password transition is needed", "RFC 4954 6",
                "A transient negative reply (enhanced code 4.7.12): the user must change the password before "
                        + "this mechanism can be used.",
                "In answer to AUTH.",
                "Change the password by the provider's means (e.g. its web site), then authenticate again.");
        add(450, "Requested mail action not taken: mailbox unavailable", "RFC 5321 4.2.2",
                "A transient negative reply: the mailbox is unavailable for now, e.g. busy or temporarily "
                        + "blocked for policy reasons such as greylisting.",
                "Mostly after RCPT; also after MAIL or at the end of DATA.",
                "Retry later: a greylisting server accepts a retry after some minutes. The enhanced status "
                        + "code and text give the exact reason.");
        add(451, "Requested action aborted: local error in processing", "RFC 5321 4.2.2",
                "A transient negative reply: the server hit an error of its own (storage, a lookup, an "
                        + "internal fault) while handling the command.",
                "After MAIL, RCPT, the end of DATA or BDAT, when the server fails internally.",
                "Retry later. The fault is on the server; its operator should check the server's logs.");
        add(452, "Requested action not taken: insufficient system storage", "RFC 5321 4.2.2, 4.5.3.1.10",
                "A transient negative reply: the server lacks storage for the message, or the transaction has "
                        + "more recipients than the server accepts (RFC 5321 4.5.3.1.10: 452, not 552).",
                "After MAIL (the declared SIZE does not fit now), RCPT (too many recipients) or the end of DATA.",
                "Retry later; for too many recipients send the remaining ones in a further transaction. The "
                        + "server's operator should free storage.");
        add(454, "Temporary authentication failure / TLS not available due to temporary reason",
                "RFC 4954 6; RFC 3207 4",
                "A transient negative reply. After AUTH (enhanced code 4.7.0): authentication failed for a "
                        + "temporary reason, e.g. the credential store is unreachable. After STARTTLS (RFC 3207): "
                        + "TLS is not available now.",
                "In answer to AUTH or STARTTLS.",
                "Retry later. For STARTTLS the server's TLS set-up (certificate, key) may be broken and its "
                        + "operator should check it; a client that requires TLS must not fall back to plain text.");
        add(455, "Server unable to accommodate parameters", "RFC 5321 4.2.2, 4.1.1.11",
                "A transient negative reply: the server recognises the MAIL or RCPT parameters but cannot "
                        + "satisfy them now.",
                "In answer to MAIL or RCPT with ESMTP parameters.",
                "Retry later, or without the parameter if it is optional.");
        add(500, "Syntax error, command unrecognized", "RFC 5321 4.2.2, 4.2.4, 4.5.3.1.4; RFC 4954 4",
                "A permanent negative reply: the command is not recognised, which includes a command line "
                        + "that is too long (over 512 octets including CRLF, RFC 5321 4.5.3.1.4). RFC 4954 also "
                        + "uses 500 (enhanced code 5.5.6) for an AUTH exchange line that is too long.",
                "After an unknown verb, a command line over 512 octets or an unparsable line.",
                "Fix the client: use only commands the server knows (see its EHLO reply), keep command lines "
                        + "within 512 octets and end them with CRLF.");
        add(501, "Syntax error in parameters or arguments", "RFC 5321 4.2.2; RFC 3207 4; RFC 4954 4",
                "A permanent negative reply: the command is known but its arguments are malformed, e.g. a "
                        + "path without angle brackets, or an argument to a command that takes none "
                        + "(STARTTLS, RFC 3207). RFC 4954 answers a cancelled AUTH (\"*\") or bad BASE64 with 501.",
                "After a command with arguments: HELO/EHLO, MAIL, RCPT, VRFY, AUTH, or STARTTLS with one.",
                "Fix the arguments: paths in angle brackets (MAIL FROM:<a@b.example>), a valid domain, "
                        + "parameters as KEYWORD=value separated by single spaces.");
        add(502, "Command not implemented", "RFC 5321 4.2.2, 4.2.4",
                "A permanent negative reply: the command is recognised but this server does not implement it "
                        + "(500 is for commands it does not recognise).",
                "After a command the server knows but does not offer, e.g. EXPN, TURN or a disabled VRFY.",
                "Do not use the command with this server; its EHLO reply lists what it offers.");
        add(503, "Bad sequence of commands", "RFC 5321 4.2.2, 4.1.4; RFC 3030 2; RFC 4954 4",
                "A permanent negative reply: the command is valid but not at this point, e.g. RCPT before MAIL, "
                        + "DATA without an accepted RCPT, or a second AUTH (RFC 4954). With CHUNKING, DATA and "
                        + "BDAT must not be mixed in one transaction (RFC 3030).",
                "After a command sent out of the order of RFC 5321 4.1.4.",
                "Fix the client's sequence: EHLO, MAIL, one or more RCPT, then DATA or BDAT; RSET to start over.");
        add(504, "Command parameter not implemented", "RFC 5321 4.2.2; RFC 4954 4",
                "A permanent negative reply: a parameter of the command is recognised but not implemented, "
                        + "e.g. an AUTH mechanism the server does not support (RFC 4954: "
                        + "\"Unrecognized authentication type\", enhanced code 5.5.4).",
                "After AUTH with an unsupported mechanism, or a command with a parameter value the server "
                        + "does not implement.",
                "Use only mechanisms and parameters the server advertises in its EHLO reply.");
        add(521, "Host does not accept mail", "RFC 7504",
                "A permanent negative reply from a host that does not accept mail at all, sent instead of the "
                        + "220 greeting.",
                "As the connection greeting; the server may then answer every command but QUIT with 521, or "
                        + "close the connection.",
                "Do not send mail to this host. If it is listed as the MX of a domain, that domain's DNS is "
                        + "wrong or the domain does not receive mail.");
        add(530, "Authentication required / Must issue a STARTTLS command first", "RFC 4954 6; RFC 3207 4",
                "A permanent negative reply: the server refuses the command until the client has "
                        + "authenticated (RFC 4954, enhanced code 5.7.0) or, per RFC 3207, started TLS.",
                "In answer to MAIL or another command on a server whose policy requires AUTH or STARTTLS first.",
                "Send STARTTLS and/or AUTH with valid credentials before MAIL; a mail client should submit on "
                        + "port 587 with authentication.");
        add(534, "Authentication mechanism is too weak", "RFC 4954 6",
                "A permanent negative reply (enhanced code 5.7.9): policy requires a stronger mechanism than "
                        + "the one selected.",
                "In answer to AUTH.",
                "Choose a stronger mechanism from the EHLO AUTH list, or authenticate after STARTTLS.");
        add(535, "Authentication credentials invalid", "RFC 4954 6",
                "A permanent negative reply (enhanced code 5.7.8): the user name, password or other credentials "
                        + "are wrong.",
                "At the end of an AUTH exchange.",
                "Check the user name and password (or application password/token); repeated failures may get "
                        + "the client blocked.");
        add(538, "Encryption required for requested authentication mechanism", "RFC 4954 6",
                "A permanent negative reply (enhanced code 5.7.11): the selected mechanism, e.g. PLAIN, may "
                        + "only be used over an encrypted connection.",
                "In answer to AUTH on a connection without TLS.",
                "Send STARTTLS (or connect with implicit TLS), then AUTH.");
        add(550, "Requested action not taken: mailbox unavailable", "RFC 5321 4.2.2",
                "A permanent negative reply: the mailbox was not found, is not accessible, or the command was "
                        + "rejected for policy reasons (e.g. relaying denied, sender blocked).",
                "Mostly after RCPT; also after MAIL or at the end of DATA when policy rejects sender or content.",
                "Check the address for typos; if it is right, ask the recipient or the postmaster. The "
                        + "enhanced status code tells which: 5.1.1 no such user, 5.7.1 not authorized.");
        add(551, "User not local; please try <forward-path>", "RFC 5321 4.2.2, 3.4",
                "A permanent negative reply: the recipient is not local and the server will not forward; the "
                        + "text may give the address to use.",
                "In answer to RCPT or VRFY.",
                "Send to the address given in the text, or ask the recipient for the current address.");
        add(552, "Requested mail action aborted: exceeded storage allocation", "RFC 5321 4.2.2, 4.5.3.1.10; RFC 3030 2",
                "A permanent negative reply: the message is larger than the server or mailbox accepts, or the "
                        + "mailbox is over quota. With CHUNKING a BDAT chunk that takes the message over the limit "
                        + "gets 552. For too many recipients RFC 5321 4.5.3.1.10 wants 452; clients treat a 552 "
                        + "after RCPT as temporary.",
                "After MAIL with a SIZE over the limit (RFC 1870), at the end of DATA, or in answer to BDAT.",
                "Send a smaller message (fewer or smaller attachments, or a link); a full mailbox must be "
                        + "emptied by its owner. After an error to BDAT send RSET before the next transaction.");
        add(553, "Requested action not taken: mailbox name not allowed", "RFC 5321 4.2.2; RFC 6531 3.7.4",
                "A permanent negative reply: the mailbox name is not allowed, e.g. its syntax is incorrect. "
                        + "RFC 6531 answers 553 with enhanced code 5.6.7 (\"Non-ASCII addresses not permitted for "
                        + "that sender/recipient\") when a path contains UTF-8 but SMTPUTF8 is not in use.",
                "In answer to MAIL or RCPT.",
                "Correct the address. For an internationalized address, send MAIL FROM with the SMTPUTF8 "
                        + "parameter to a server that offers SMTPUTF8, or use an ASCII address.");
        add(554, "Transaction failed", "RFC 5321 4.2.2, 3.1; RFC 3030 2",
                "A permanent negative reply: the transaction failed; as the connection greeting it means "
                        + "\"No SMTP service here\". Servers commonly use it for content rejected at the end of "
                        + "DATA. After a 5yz reply to BDAT the transaction has failed (RFC 3030).",
                "At the end of DATA or BDAT, after MAIL or RCPT when no other code fits, or instead of 220 as "
                        + "the greeting, after which the client should send QUIT.",
                "Read the text and enhanced status code and fix the cause; do not resend unchanged. If it was "
                        + "the greeting, this host takes no mail: use another MX or contact its operator.");
        add(555, "MAIL FROM/RCPT TO parameters not recognized or not implemented", "RFC 5321 4.2.2, 4.1.1.11",
                "A permanent negative reply: MAIL or RCPT carried an ESMTP parameter the server does not "
                        + "recognise or implement.",
                "In answer to MAIL or RCPT with parameters, e.g. SIZE to a server that did not advertise it.",
                "Send only parameters of extensions the server lists in its EHLO reply.");
        add(556, "Domain does not accept mail", "RFC 7504; RFC 7505",
                "A permanent negative reply: the domain of the address does not accept mail, e.g. it publishes "
                        + "a null MX (RFC 7505, enhanced code 5.1.10); a relay that learns this answers with 556.",
                "In answer to RCPT at a relay or submission server, when the recipient's domain cannot "
                        + "receive mail.",
                "The address cannot receive mail: get another address for the recipient.");
    }

    private ReplyCodeCatalog() {
    }

    private static void add(int code, String title, String source, String description, String whenSeen,
            String howToFix) {
        ReplyCodeInfo info = new ReplyCodeInfo(ReplyCode.of(code), title, description, whenSeen, howToFix, source);
        if (INFO.put(code, info) != null) {
            throw new IllegalStateException("reply code " + code + " is in the catalog twice");
        }
    }

    /** The entry for {@code code}, or empty if the catalog does not list it (e.g. 299). */
    public static Optional<ReplyCodeInfo> lookup(ReplyCode code) {
        return Optional.ofNullable(INFO.get(code.value()));
    }

    /**
     * The entry for {@code code}.
     *
     * @throws IllegalArgumentException if {@code code} is not a valid reply code
     */
    public static Optional<ReplyCodeInfo> lookup(int code) {
        return lookup(ReplyCode.of(code));
    }

    /** Every entry, in ascending order of code. */
    public static List<ReplyCodeInfo> all() {
        return Collections.unmodifiableList(new ArrayList<>(INFO.values()));
    }
}
