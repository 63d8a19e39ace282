package dev.pillarbox.smtp.core;

/**
 * The catalogue of standard reply wordings the server and built-in handlers send. Call sites use these
 * constants (or the few factories for replies that carry a variable part) instead of building reply text.
 */
public final class Replies {

    private Replies() {
    }

    /** 221 2.0.0 sent in answer to QUIT (RFC 5321 4.1.1.10). */
    public static final Reply CLOSING = Reply.of(221, "2.0.0", "Bye");
    /** 250 2.0.0 OK: generic success (NOOP, RSET). */
    public static final Reply OK = Reply.of(250, "2.0.0", "OK");
    /** 250 2.1.0 after an accepted MAIL FROM. */
    public static final Reply SENDER_OK = Reply.of(250, "2.1.0", "Sender OK");
    /** 250 2.1.5 after an accepted RCPT TO. */
    public static final Reply RECIPIENT_OK = Reply.of(250, "2.1.5", "Recipient OK");
    /** 252 2.5.0 VRFY default: the server will not verify but will accept (RFC 5321 3.5.3). */
    public static final Reply CANNOT_VRFY = Reply.of(252, "2.5.0",
            "Cannot VRFY user, but will accept message and attempt delivery");
    /** 354 after DATA (RFC 5321 4.1.1.4); 3yz replies carry no enhanced status code. */
    public static final Reply START_MAIL_INPUT = Reply.of(354, "Start mail input; end with <CRLF>.<CRLF>");
    /** 421 4.4.2 when the idle timeout expires (RFC 5321 4.5.3.2). */
    public static final Reply TIMEOUT = Reply.of(421, "4.4.2", "Timeout exceeded, closing connection");
    /** 421 4.3.2 when the server shuts down. */
    public static final Reply SHUTTING_DOWN = Reply.of(421, "4.3.2", "Service shutting down, closing connection");
    /** 421 4.7.0 when there are too many connections in total or from one client. */
    public static final Reply TOO_MANY_CONNECTIONS = Reply.of(421, "4.7.0", "Too many connections, try again later");
    /** 421 4.7.0 after too many errors in one session (like Postfix's smtpd_hard_error_limit). */
    public static final Reply TOO_MANY_ERRORS = Reply.of(421, "4.7.0", "Too many errors, closing connection");
    /** 421 4.3.0 after an internal error that leaves the session unusable. */
    public static final Reply INTERNAL_ERROR_CLOSING = Reply.of(421, "4.3.0", "Internal error, closing connection");
    /** 451 4.3.0 when the server could not complete an action, e.g. the message could not be stored. */
    public static final Reply LOCAL_ERROR = Reply.of(451, "4.3.0", "Requested action aborted: local error in processing");
    /** 452 4.5.3 beyond the recipient limit (RFC 5321 4.5.3.1.8). */
    public static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "4.5.3", "Too many recipients");
    /** 500 5.5.2 for an unknown verb (RFC 5321 4.2.4). */
    public static final Reply COMMAND_UNRECOGNIZED = Reply.of(500, "5.5.2", "Syntax error, command unrecognized");
    /** 500 5.5.2 for a command line over the limit (RFC 5321 4.5.3.1.4). */
    public static final Reply LINE_TOO_LONG = Reply.of(500, "5.5.2", "Line too long");
    /** 500 5.5.2 for a command line with a bare CR or LF or other invalid bytes. */
    public static final Reply INVALID_LINE_ENDING = Reply.of(500, "5.5.2", "Syntax error, bare CR or LF in command line");
    /** 500 5.5.2 for a command line with NUL or other bytes not allowed in commands. */
    public static final Reply INVALID_COMMAND_BYTES = Reply.of(500, "5.5.2", "Syntax error, invalid characters in command line");
    /** 501 5.5.4 for arguments that do not parse; prefer {@link #syntaxError(String)} with the reason. */
    public static final Reply SYNTAX_ERROR_IN_PARAMETERS = Reply.of(501, "5.5.4", "Syntax error in parameters or arguments");
    /** 502 5.5.1 for a known verb that is not implemented. */
    public static final Reply COMMAND_NOT_IMPLEMENTED = Reply.of(502, "5.5.1", "Command not implemented");
    /** 503 5.5.1 for a command out of sequence (RFC 5321 4.1.4). */
    public static final Reply BAD_SEQUENCE = Reply.of(503, "5.5.1", "Bad sequence of commands");
    /** 504 5.5.4 for a command parameter that is not implemented. */
    public static final Reply PARAMETER_NOT_IMPLEMENTED = Reply.of(504, "5.5.4", "Command parameter not implemented");
    /** 552 5.3.4 when the message exceeds the size limit (RFC 1870). */
    public static final Reply MESSAGE_TOO_BIG = Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    /** 554 5.5.0 for improper pipelining, as Postfix answers since 3.9. */
    public static final Reply IMPROPER_PIPELINING = Reply.of(554, "5.5.0", "Improper use of SMTP command pipelining");
    /** 554 5.6.0 when the message body has bare CR or LF (SMTP smuggling defence). */
    public static final Reply BARE_LINE_ENDING_IN_BODY = Reply.of(554, "5.6.0", "Message contains bare CR or LF, which is not allowed");
    /** 500 5.5.2 for a text line in the body over the limit when the policy rejects long lines. */
    public static final Reply BODY_LINE_TOO_LONG = Reply.of(500, "5.5.2", "Message line too long (RFC 5321 4.5.3.1.6)");
    /** 555 5.5.4 for a MAIL or RCPT parameter that no extension owns (RFC 5321 4.1.1.11). */
    public static final Reply PARAMETER_NOT_RECOGNIZED = Reply.of(555, "5.5.4",
            "MAIL FROM/RCPT TO parameters not recognized or not implemented");

    /** 553 5.6.7 for a non-ASCII path without SMTPUTF8 (RFC 6531 3.7.4). */
    public static final Reply NON_ASCII_ADDRESS_NOT_PERMITTED = Reply.of(553, "5.6.7",
            "Non-ASCII addresses not permitted for that sender/recipient");

    /**
     * The reply to a MAIL or RCPT argument that failed to parse: 553 5.6.7 for
     * {@link AddressSyntaxException.Kind#NON_ASCII_WITHOUT_SMTPUTF8} (RFC 6531 3.7.4), otherwise 501 5.5.4
     * with the parser's reason and position, e.g. "Syntax error: missing '>' at position 12". The reason is
     * ASCII and the client's input is not echoed.
     */
    public static Reply invalidArguments(AddressSyntaxException e) {
        if (e.kind() == AddressSyntaxException.Kind.NON_ASCII_WITHOUT_SMTPUTF8) {
            return NON_ASCII_ADDRESS_NOT_PERMITTED;
        }
        return syntaxError("Syntax error: " + e.reason() + " at position " + e.position());
    }

    /** 501 5.5.4 with the reason the arguments are wrong, e.g. "Syntax error in MAIL FROM: missing '&lt;'". */
    public static Reply syntaxError(String reason) {
        return Reply.of(501, "5.5.4", reason);
    }

    /** 501 5.5.4 for HELO, EHLO or LHLO without an argument (RFC 5321 4.1.1.1). */
    public static final Reply HELO_NEEDS_DOMAIN =
            syntaxError("Syntax error: a domain name or address literal is required");

    /**
     * 501 5.5.4 for a HELO, EHLO or LHLO argument that is neither a domain nor an address literal
     * (RFC 5321 4.1.1.1), with the parser's reason and position, e.g. "Syntax error: invalid character '(' at
     * position 1; a domain name or address literal is required". The client's input is not echoed.
     */
    public static Reply invalidHeloName(AddressSyntaxException e) {
        return syntaxError("Syntax error: " + e.reason() + " at position " + e.position()
                + "; a domain name or address literal is required");
    }

    /** 220 service ready greeting (RFC 5321 4.2). */
    public static Reply greeting(String hostname) {
        return Reply.of(220, hostname + " ESMTP Pillarbox");
    }

    /** 220 service ready greeting of an LMTP listener (RFC 2033 4.1), naming the protocol the client must speak. */
    public static Reply lmtpGreeting(String hostname) {
        return Reply.of(220, hostname + " LMTP Pillarbox");
    }

    /** 250 2.0.0 after a stored message, naming the id it was queued under. */
    public static Reply messageAccepted(String id) {
        return Reply.of(250, "2.0.0", "OK: queued as " + id);
    }

    /** 555 5.5.4 naming the parameter no extension owns. */
    public static Reply parameterNotRecognized(String keyword) {
        return Reply.of(555, "5.5.4", "Parameter " + keyword + " not recognized or not implemented");
    }
}
