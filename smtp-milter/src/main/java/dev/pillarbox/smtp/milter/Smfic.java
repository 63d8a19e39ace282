package dev.pillarbox.smtp.milter;

/**
 * The commands the MTA sends to a filter, with the codes of Sendmail's {@code mfdef.h} (SMFIC_*), which Postfix's
 * {@code milter8.c} uses too.
 */
enum Smfic {
    ABORT('A'),
    BODY('B'),
    CONNECT('C'),
    MACRO('D'),
    BODYEOB('E'),
    HELO('H'),
    QUIT_NC('K'),
    HEADER('L'),
    MAIL('M'),
    EOH('N'),
    OPTNEG('O'),
    QUIT('Q'),
    RCPT('R'),
    DATA('T'),
    UNKNOWN('U');

    private final byte code;

    Smfic(char code) {
        this.code = (byte) code;
    }

    /** The command byte on the wire. */
    byte code() {
        return code;
    }

    /** The protocol's name, e.g. {@code SMFIC_BODYEOB}. */
    @Override
    public String toString() {
        return "SMFIC_" + name();
    }
}
