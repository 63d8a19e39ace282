package dev.pillarbox.smtp.core;

import java.util.Objects;

/**
 * The parsed argument of RCPT (RFC 5321 4.1.1.3): {@code "TO:" Forward-path [SP Rcpt-parameters]}, e.g.
 * {@code TO:<x@y.example> NOTIFY=NEVER}.
 *
 * <p>What is accepted: {@code TO:} in any case (RFC 5321 2.4); no space or exactly one space after the colon
 * (tolerated as Postfix does); the forward-path in angle brackets, {@code <Postmaster>} without domain in
 * any case, a source route accepted and dropped; then nothing, or one space and the parameters separated
 * by single spaces. UTF-8 in the path and parameter values is accepted only if {@code utf8Allowed}, i.e. the
 * transaction's MAIL command carried SMTPUTF8 (RFC 6531 3.4); otherwise non-ASCII text fails with kind
 * NON_ASCII_WITHOUT_SMTPUTF8 ({@code 553 5.6.7}, RFC 6531 3.7.4). Immutable.
 *
 * @param forwardPath the forward-path
 * @param parameters the parameters, possibly empty
 */
public record RcptArguments(ForwardPath forwardPath, EsmtpParameters parameters) {

    /** Validates the components. */
    public RcptArguments {
        Objects.requireNonNull(forwardPath, "forwardPath");
        Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Parses the argument of RCPT in an ASCII-only transaction.
     *
     * @throws AddressSyntaxException if the argument is malformed
     */
    public static RcptArguments parse(String argument) throws AddressSyntaxException {
        return parse(argument, false);
    }

    /**
     * Parses the argument of RCPT, e.g. {@code "TO:<x@y> NOTIFY=NEVER"}.
     *
     * @param argument the text after "RCPT "
     * @param utf8Allowed whether the transaction uses SMTPUTF8
     * @throws AddressSyntaxException if the argument is malformed (see the class comment for the kinds)
     */
    public static RcptArguments parse(String argument, boolean utf8Allowed) throws AddressSyntaxException {
        Objects.requireNonNull(argument, "argument");
        AddressParser p = new AddressParser(argument, 0, utf8Allowed);
        p.commandKeyword("TO:");
        ForwardPath path = ForwardPath.fromParser(p.forwardPath());
        return new RcptArguments(path, p.optionalParameters());
    }

    /** The canonical argument, e.g. {@code TO:<x@y.example> NOTIFY=NEVER}. */
    @Override
    public String toString() {
        return "TO:" + forwardPath + (parameters.isEmpty() ? "" : " " + parameters);
    }
}
