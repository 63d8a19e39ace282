package dev.pillarbox.smtp.milter;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The protocol steps a filter may turn off or change (SMFIP_* of Sendmail's {@code mfdef.h}): events it does
 * not want (NO_*), events it will not reply to (NR_*), and two format options. The MTA offers a set in
 * {@code SMFIC_OPTNEG}; the filter answers with the ones it wants.
 */
public enum ProtocolOption {
    NO_CONNECT(1 << 0, "SMFIP_NOCONNECT"),
    NO_HELO(1 << 1, "SMFIP_NOHELO"),
    NO_MAIL(1 << 2, "SMFIP_NOMAIL"),
    NO_RCPT(1 << 3, "SMFIP_NORCPT"),
    NO_BODY(1 << 4, "SMFIP_NOBODY"),
    NO_HEADERS(1 << 5, "SMFIP_NOHDRS"),
    NO_END_OF_HEADERS(1 << 6, "SMFIP_NOEOH"),
    /** The filter will not reply to each header (SMFIP_NR_HDR, also called SMFIP_NOHREPL). */
    NO_REPLY_HEADER(1 << 7, "SMFIP_NR_HDR"),
    NO_UNKNOWN(1 << 8, "SMFIP_NOUNKNOWN"),
    NO_DATA(1 << 9, "SMFIP_NODATA"),
    /** The MTA understands SMFIR_SKIP (stop sending body chunks). */
    SKIP(1 << 10, "SMFIP_SKIP"),
    /** The filter wants to see recipients the MTA rejected. Not offered by this library. */
    RCPT_REJECTED(1 << 11, "SMFIP_RCPT_REJ"),
    NO_REPLY_CONNECT(1 << 12, "SMFIP_NR_CONN"),
    NO_REPLY_HELO(1 << 13, "SMFIP_NR_HELO"),
    NO_REPLY_MAIL(1 << 14, "SMFIP_NR_MAIL"),
    NO_REPLY_RCPT(1 << 15, "SMFIP_NR_RCPT"),
    NO_REPLY_DATA(1 << 16, "SMFIP_NR_DATA"),
    NO_REPLY_UNKNOWN(1 << 17, "SMFIP_NR_UNKN"),
    NO_REPLY_END_OF_HEADERS(1 << 18, "SMFIP_NR_EOH"),
    NO_REPLY_BODY(1 << 19, "SMFIP_NR_BODY"),
    /** Header values are sent and returned with their leading space (SMFIP_HDR_LEADSPC). */
    HEADER_LEADING_SPACE(1 << 20, "SMFIP_HDR_LEADSPC");

    private final int bit;
    private final String protocolName;

    ProtocolOption(int bit, String protocolName) {
        this.bit = bit;
        this.protocolName = protocolName;
    }

    /** The bit in the negotiation's protocol mask. */
    public int bit() {
        return bit;
    }

    /** The name in Sendmail's headers, e.g. {@code SMFIP_NR_HDR}. */
    public String protocolName() {
        return protocolName;
    }

    /** What this library offers: every option of version 6 except {@link #RCPT_REJECTED}. */
    public static Set<ProtocolOption> offered() {
        EnumSet<ProtocolOption> set = EnumSet.allOf(ProtocolOption.class);
        set.remove(RCPT_REJECTED);
        return set;
    }

    /** The mask of {@code options}. */
    public static int mask(Collection<ProtocolOption> options) {
        int mask = 0;
        for (ProtocolOption o : options) {
            mask |= o.bit;
        }
        return mask;
    }

    /** The options whose bits are set in {@code mask}; bits that name no option are ignored. */
    public static Set<ProtocolOption> fromMask(int mask) {
        EnumSet<ProtocolOption> set = EnumSet.noneOf(ProtocolOption.class);
        for (ProtocolOption o : values()) {
            if ((mask & o.bit) != 0) {
                set.add(o);
            }
        }
        return set;
    }
}
