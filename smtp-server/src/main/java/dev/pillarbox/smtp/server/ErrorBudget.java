package dev.pillarbox.smtp.server;

/**
 * How many protocol errors a session may make before it is closed (the hard error limit, STYLE item 14), and
 * Postfix's smtpd_junk_command_limit: a session may send this many commands that do no mail work (counted again from
 * zero after each accepted message); past the limit each one still gets its reply but also counts as a protocol
 * error, so a client that only keeps the session open with them meets the hard error limit.
 */
final class ErrorBudget {

    private final ReplyOutput output; // counts the protocol errors of the replies it writes
    private final int hardErrorLimit;
    private final int junkCommandLimit; // 0 = no limit

    ErrorBudget(ReplyOutput output, int hardErrorLimit, int junkCommandLimit) {
        this.output = output;
        this.hardErrorLimit = hardErrorLimit;
        this.junkCommandLimit = junkCommandLimit;
    }

    /** The errors counted so far, to compare after a command. */
    int mark() {
        return output.protocolErrors();
    }

    /** A junk command was answered; one whose reply already counted (EXPN's 502 5.5.1) is not counted twice. */
    void junkCommand(ServerSession session, int mark) {
        if (junkCommandLimit > 0 && session.junkCommand() > junkCommandLimit && output.protocolErrors() == mark) {
            output.countProtocolError();
        }
    }

    /** True once the session made as many protocol errors as the hard error limit allows. */
    boolean exhausted() {
        return output.protocolErrors() >= hardErrorLimit;
    }
}
