package dev.pillarbox.smtp.extensions;

import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import java.util.Base64;
import java.util.List;

/**
 * The one catalogue of the extensions' reply wordings: what the shared {@link Replies} catalogue (RFC 5321's
 * wordings) does not have, for every extension of this module, with the enhanced status codes their RFCs assign.
 * Call sites use these, never a reply built in place; the client's own text is never echoed back.
 */
public final class ExtensionReplies {

    private ExtensionReplies() {
    }

    /** 501 5.5.4 for a SIZE value that is not a number of octets (RFC 1870 6). */
    public static final Reply SIZE_INVALID =
            Replies.syntaxError("Syntax error in SIZE parameter: a number of octets is expected");

    /** 501 5.5.4 for SMTPUTF8 given a value (RFC 6531 3.4: the parameter has none). */
    public static final Reply SMTPUTF8_TAKES_NO_VALUE =
            Replies.syntaxError("Syntax error in SMTPUTF8 parameter: it takes no value");

    /**
     * 503 5.5.1 for DATA after {@code MAIL FROM:<...> BODY=BINARYMIME}. RFC 3030 3: "If a DATA command is issued
     * after a MAIL command containing the body-value of "BINARYMIME", a 503 "Bad sequence of commands" response
     * MUST be sent."
     */
    public static final Reply BINARYMIME_NEEDS_BDAT = Reply.of(503, "5.5.1",
            "Bad sequence of commands: BODY=BINARYMIME requires BDAT");

    /** 503 5.5.1 for DATA after BDAT chunks in the same transaction (RFC 3030 2: one or the other). */
    public static final Reply DATA_AFTER_BDAT = Reply.of(503, "5.5.1",
            "Bad sequence of commands: DATA cannot follow BDAT in a transaction");

    /** 501 5.5.4 for a BDAT argument that is not {@code chunk-size [ SP end-marker ]} (RFC 3030 2). */
    public static final Reply BDAT_SYNTAX =
            Replies.syntaxError("Syntax error: BDAT needs a chunk size and optionally LAST");

    /** 501 5.5.4 for a BODY value no enabled extension defines, listing the ones that are. */
    public static Reply bodyInvalid(String allowed) {
        return Replies.syntaxError("Syntax error in BODY parameter: use one of " + allowed);
    }

    /** 250 2.0.0 after a BDAT chunk that is not the last (RFC 3030 2). */
    public static Reply chunkReceived(long octets) {
        return Reply.of(250, "2.0.0", octets + " octets received");
    }

    /** 501 5.5.4 for an invalid DSN parameter (RFC 3461 4), with the reason, e.g. "NOTIFY=NEVER cannot ...". */
    public static Reply dsnInvalid(String parameter, String reason) {
        return Replies.syntaxError("Syntax error in " + parameter + " parameter: " + reason);
    }

    // AUTH (RFC 4954 6)

    /** 235 2.7.0: the client is authenticated (RFC 4954 4). */
    public static final Reply AUTH_SUCCEEDED = Reply.of(235, "2.7.0", "Authentication successful");

    /** 501 5.7.0: the client sent "*" to cancel the exchange (RFC 4954 4, 6). */
    public static final Reply AUTH_CANCELLED = Reply.of(501, "5.7.0", "Authentication cancelled");

    /** 501 5.5.2: a response that is not valid base64 (RFC 4954 6). */
    public static final Reply AUTH_CANNOT_DECODE = Reply.of(501, "5.5.2", "Cannot Base64-decode client response");

    /** 501 5.5.4: AUTH without a mechanism, or with more than one initial response. */
    public static final Reply AUTH_SYNTAX = Reply.of(501, "5.5.4", "Syntax error: use AUTH mechanism [initial-response]");

    /** 504 5.5.4: a mechanism the server does not offer (RFC 4954 4). */
    public static final Reply AUTH_UNKNOWN_MECHANISM = Reply.of(504, "5.5.4", "Unrecognized authentication type");

    /** 503 5.5.1: AUTH after a successful AUTH (RFC 4954 4). */
    public static final Reply AUTH_ALREADY_AUTHENTICATED = Reply.of(503, "5.5.1", "Already authenticated");

    /** 535 5.7.8: wrong user name or password (RFC 4954 6). */
    public static final Reply AUTH_INVALID_CREDENTIALS = Reply.of(535, "5.7.8", "Authentication credentials invalid");

    /** 538 5.7.11: AUTH before TLS where plaintext AUTH is not allowed (RFC 4954 6). */
    public static final Reply AUTH_ENCRYPTION_REQUIRED = Reply.of(538, "5.7.11",
            "Encryption required for requested authentication mechanism");

    /** 454 4.7.0: the authenticator failed (e.g. its directory is down) (RFC 4954 6). */
    public static final Reply AUTH_TEMPORARY_FAILURE = Reply.of(454, "4.7.0", "Temporary authentication failure");

    /** 421 4.7.0: too many failed attempts on this connection; the server closes it. */
    public static final Reply AUTH_TOO_MANY_FAILURES = Reply.of(421, "4.7.0",
            "Too many failed authentication attempts, closing connection");

    /** 530 5.7.0: this listener (submission, RFC 6409 4.3) needs AUTH before MAIL (RFC 4954 6). */
    public static final Reply AUTH_REQUIRED = Reply.of(530, "5.7.0", "Authentication required");

    /** 501 5.5.4: a MAIL FROM AUTH= value that is neither {@code <>} nor xtext (RFC 4954 5). */
    public static final Reply AUTH_BAD_PARAMETER = Reply.of(501, "5.5.4",
            "Syntax error: the AUTH parameter must be <> or an xtext-encoded mailbox");

    /** 334: a SASL challenge, base64 of the server's {@code data} (RFC 4954 4). */
    public static Reply authChallenge(byte[] data) {
        return Reply.of(334, Base64.getEncoder().encodeToString(data));
    }

    // STARTTLS (RFC 3207 4)

    /** 220 2.0.0: the server starts the TLS handshake right after this line (RFC 3207 4). */
    public static final Reply TLS_READY = Reply.of(220, "2.0.0", "Ready to start TLS");

    /** 501 5.5.4: STARTTLS takes no parameters (RFC 3207 4). */
    public static final Reply TLS_NO_PARAMETERS = Reply.of(501, "5.5.4", "Syntax error (no parameters allowed)");

    /**
     * 503 5.5.1: TLS is already active. RFC 3207 does not name a reply for a second STARTTLS; a command that is
     * out of sequence is 503 (RFC 5321 4.2.4) with 5.5.1 "invalid command" (RFC 3463).
     */
    public static final Reply TLS_ALREADY_ACTIVE = Reply.of(503, "5.5.1", "TLS already active");

    /** 530 5.7.0: this listener requires TLS before a mail transaction (RFC 3207 4). */
    public static final Reply TLS_REQUIRED = Reply.of(530, "5.7.0", "Must issue a STARTTLS command first");

    // LMTP (RFC 2033 4.1)

    /** Multi-line 250 answer to LHLO: the server's name, then one keyword per line. */
    public static Reply lhlo(List<String> lines) {
        return Reply.multiline(250, lines);
    }
}
