package dev.pillarbox.smtp.core;

import java.util.Objects;

/**
 * The parsed argument of MAIL (RFC 5321 4.1.1.2): {@code "FROM:" Reverse-path [SP Mail-parameters]}, e.g.
 * {@code FROM:<a@b.example> SIZE=10}.
 *
 * <p>What is accepted: {@code FROM:} in any case (RFC 5321 2.4); no space or exactly one space after the
 * colon (RFC 5321 has none; one is tolerated as Postfix does); the reverse-path in angle brackets, {@code <>}
 * allowed, a source route accepted and dropped; then nothing, or one space and the parameters separated by
 * single spaces. Nothing else: no missing brackets, no further spaces, no trailing space.
 *
 * <p>SMTPUTF8 (RFC 6531 3.4): with {@code smtpUtf8Offered}, UTF-8 in the path or the parameter values is
 * accepted only if the parameters include {@code SMTPUTF8}; otherwise, and always when SMTPUTF8 is not
 * offered, non-ASCII text fails with kind NON_ASCII_WITHOUT_SMTPUTF8, which a server answers with
 * {@code 553 5.6.7} (RFC 6531 3.7.4). Immutable.
 *
 * @param reversePath the reverse-path
 * @param parameters the parameters, possibly empty
 */
public record MailArguments(ReversePath reversePath, EsmtpParameters parameters) {

    /** Validates the components. */
    public MailArguments {
        Objects.requireNonNull(reversePath, "reversePath");
        Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Parses the argument of an ASCII-only MAIL command (SMTPUTF8 not offered).
     *
     * @throws AddressSyntaxException if the argument is malformed
     */
    public static MailArguments parse(String argument) throws AddressSyntaxException {
        return parse(argument, false);
    }

    /**
     * Parses the argument of MAIL, e.g. {@code "FROM:<a@b> SIZE=10"}.
     *
     * @param argument the text after "MAIL "
     * @param smtpUtf8Offered whether this server advertised SMTPUTF8 in its EHLO reply
     * @throws AddressSyntaxException if the argument is malformed (see the class comment for the kinds)
     */
    public static MailArguments parse(String argument, boolean smtpUtf8Offered) throws AddressSyntaxException {
        Objects.requireNonNull(argument, "argument");
        AddressParser p = new AddressParser(argument, 0, smtpUtf8Offered);
        p.commandKeyword("FROM:");
        ReversePath path = ReversePath.of(p.reversePath());
        EsmtpParameters parameters = p.optionalParameters();
        if (!parameters.contains("SMTPUTF8")) {
            for (int i = 0; i < argument.length(); i++) {
                if (argument.charAt(i) >= 0x80) {
                    throw p.nonAscii(i);
                }
            }
        }
        return new MailArguments(path, parameters);
    }

    /** True if the sender asked for SMTPUTF8 with this MAIL command (RFC 6531 3.4). */
    public boolean smtpUtf8() {
        return parameters.contains("SMTPUTF8");
    }

    /** The canonical argument, e.g. {@code FROM:<a@b.example> SIZE=10}. */
    @Override
    public String toString() {
        return "FROM:" + reversePath + (parameters.isEmpty() ? "" : " " + parameters);
    }
}
