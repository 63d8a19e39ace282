package dev.pillarbox.smtp.milter;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a filter may do to a message at end of message (SMFIF_* of Sendmail's {@code mfapi.h}). The MTA offers a
 * set in {@code SMFIC_OPTNEG}; the filter answers with the subset it wants; a filter that then sends an action
 * outside its answer commits a protocol error.
 */
public enum Action {
    /** SMFIF_ADDHDRS: add and insert header fields. */
    ADD_HEADERS(0x01, "SMFIF_ADDHDRS"),
    /** SMFIF_CHGBODY: replace the body. */
    CHANGE_BODY(0x02, "SMFIF_CHGBODY"),
    /** SMFIF_ADDRCPT: add recipients. */
    ADD_RECIPIENT(0x04, "SMFIF_ADDRCPT"),
    /** SMFIF_DELRCPT: delete recipients. */
    DELETE_RECIPIENT(0x08, "SMFIF_DELRCPT"),
    /** SMFIF_CHGHDRS: change and delete header fields. */
    CHANGE_HEADERS(0x10, "SMFIF_CHGHDRS"),
    /** SMFIF_QUARANTINE: put the message on hold. */
    QUARANTINE(0x20, "SMFIF_QUARANTINE"),
    /** SMFIF_CHGFROM: change the reverse-path, with ESMTP parameters. */
    CHANGE_SENDER(0x40, "SMFIF_CHGFROM"),
    /** SMFIF_ADDRCPT_PAR: add recipients with ESMTP parameters. */
    ADD_RECIPIENT_WITH_PARAMETERS(0x80, "SMFIF_ADDRCPT_PAR"),
    /** SMFIF_SETSYMLIST: ask for other macros per stage in the negotiation reply. */
    SET_MACRO_LIST(0x100, "SMFIF_SETSYMLIST");

    private final int bit;
    private final String protocolName;

    Action(int bit, String protocolName) {
        this.bit = bit;
        this.protocolName = protocolName;
    }

    /** The bit in the negotiation's action mask. */
    public int bit() {
        return bit;
    }

    /** The name in Sendmail's headers, e.g. {@code SMFIF_ADDHDRS}. */
    public String protocolName() {
        return protocolName;
    }

    /** Every action this library can carry out (all that protocol version 6 defines). */
    public static Set<Action> all() {
        return EnumSet.allOf(Action.class);
    }

    /** The mask of {@code actions}. */
    public static int mask(Collection<Action> actions) {
        int mask = 0;
        for (Action a : actions) {
            mask |= a.bit;
        }
        return mask;
    }

    /** The actions whose bits are set in {@code mask}; bits that name no action are ignored. */
    public static Set<Action> fromMask(int mask) {
        EnumSet<Action> set = EnumSet.noneOf(Action.class);
        for (Action a : values()) {
            if ((mask & a.bit) != 0) {
                set.add(a);
            }
        }
        return set;
    }
}
