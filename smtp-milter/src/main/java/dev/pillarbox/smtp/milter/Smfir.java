package dev.pillarbox.smtp.milter;

/**
 * The replies a filter sends to the MTA, with the codes of Sendmail's {@code mfdef.h} (SMFIR_*). The option
 * negotiation reply reuses {@link Smfic#OPTNEG}'s code and is not listed here.
 */
enum Smfir {
    ADDRCPT('+'),
    DELRCPT('-'),
    ADDRCPT_PAR('2'),
    SHUTDOWN('4'),
    ACCEPT('a'),
    REPLBODY('b'),
    CONTINUE('c'),
    DISCARD('d'),
    CHGFROM('e'),
    CONN_FAIL('f'),
    ADDHEADER('h'),
    INSHEADER('i'),
    SETSYMLIST('l'),
    CHGHEADER('m'),
    PROGRESS('p'),
    QUARANTINE('q'),
    REJECT('r'),
    SKIP('s'),
    TEMPFAIL('t'),
    REPLYCODE('y');

    private static final Smfir[] BY_CODE = new Smfir[128];

    static {
        for (Smfir r : values()) {
            BY_CODE[r.code] = r;
        }
    }

    private final byte code;

    Smfir(char code) {
        this.code = (byte) code;
    }

    /** The reply byte on the wire. */
    byte code() {
        return code;
    }

    /** The reply with this code, or null for a code the protocol does not define. */
    static Smfir of(byte code) {
        return code >= 0 ? BY_CODE[code] : null;
    }

    /** A reply code as the protocol names it, or in quotes and hex when it names none. */
    static String describe(byte code) {
        Smfir r = of(code);
        return r != null ? r.toString() : String.format("unknown reply 0x%02x", code & 0xff);
    }

    /** The protocol's name, e.g. {@code SMFIR_REPLYCODE}. */
    @Override
    public String toString() {
        return "SMFIR_" + name();
    }
}
