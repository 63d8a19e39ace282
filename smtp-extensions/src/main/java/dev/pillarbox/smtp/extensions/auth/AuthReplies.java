package dev.pillarbox.smtp.extensions.auth;

import dev.pillarbox.smtp.core.Reply;

/** The replies of SMTP AUTH, with the enhanced status codes RFC 4954 6 assigns. */
public final class AuthReplies {

    private AuthReplies() {
    }

    /** 235 2.7.0: the client is authenticated (RFC 4954 4). */
    public static final Reply SUCCEEDED = Reply.of(235, "2.7.0", "Authentication successful");

    /** 501 5.7.0: the client sent "*" to cancel the exchange (RFC 4954 4, 6). */
    public static final Reply CANCELLED = Reply.of(501, "5.7.0", "Authentication cancelled");

    /** 501 5.5.2: a response that is not valid base64 (RFC 4954 6). */
    public static final Reply CANNOT_DECODE = Reply.of(501, "5.5.2", "Cannot Base64-decode client response");

    /** 501 5.5.4: AUTH without a mechanism, or with more than one initial response. */
    public static final Reply SYNTAX = Reply.of(501, "5.5.4", "Syntax error: use AUTH mechanism [initial-response]");

    /** 504 5.5.4: a mechanism the server does not offer (RFC 4954 4). */
    public static final Reply UNKNOWN_MECHANISM = Reply.of(504, "5.5.4", "Unrecognized authentication type");

    /** 503 5.5.1: AUTH after a successful AUTH (RFC 4954 4). */
    public static final Reply ALREADY_AUTHENTICATED = Reply.of(503, "5.5.1", "Already authenticated");

    /** 535 5.7.8: wrong user name or password (RFC 4954 6). */
    public static final Reply INVALID_CREDENTIALS = Reply.of(535, "5.7.8", "Authentication credentials invalid");

    /** 538 5.7.11: AUTH before TLS where plaintext AUTH is not allowed (RFC 4954 6). */
    public static final Reply ENCRYPTION_REQUIRED = Reply.of(538, "5.7.11",
            "Encryption required for requested authentication mechanism");

    /** 454 4.7.0: the authenticator failed (e.g. its directory is down) (RFC 4954 6). */
    public static final Reply TEMPORARY_FAILURE = Reply.of(454, "4.7.0", "Temporary authentication failure");

    /** 421 4.7.0: too many failed attempts on this connection; the server closes it. */
    public static final Reply TOO_MANY_FAILURES = Reply.of(421, "4.7.0",
            "Too many failed authentication attempts, closing connection");

    /** 530 5.7.0: this listener (submission, RFC 6409 4.3) needs AUTH before MAIL (RFC 4954 6). */
    public static final Reply AUTH_REQUIRED = Reply.of(530, "5.7.0", "Authentication required");

    /** 501 5.5.4: a MAIL FROM AUTH= value that is neither {@code <>} nor xtext (RFC 4954 5). */
    public static final Reply BAD_AUTH_PARAMETER = Reply.of(501, "5.5.4",
            "Syntax error: the AUTH parameter must be <> or an xtext-encoded mailbox");
}
