package dev.pillarbox.smtp.milter;

import java.util.List;

/**
 * The stages at which the MTA sends macros (SMFIC_MACRO) before an event, with the SMFIM_* numbers a filter uses
 * to ask for its own macro list in the negotiation reply, and Postfix's default macro names for each stage
 * ({@code milter_connect_macros} ... {@code milter_unknown_command_macros}).
 */
public enum MacroStage {
    /** Before SMFIC_CONNECT (SMFIM_CONNECT); Postfix's {@code milter_connect_macros}. */
    CONNECT(0, Smfic.CONNECT, List.of("j", "{daemon_name}", "{daemon_addr}", "v", "_")),
    /** Before SMFIC_HELO (SMFIM_HELO); Postfix's {@code milter_helo_macros}. */
    HELO(1, Smfic.HELO, List.of("{tls_version}", "{cipher}", "{cipher_bits}", "{cert_subject}", "{cert_issuer}")),
    /** Before SMFIC_MAIL (SMFIM_ENVFROM); Postfix's {@code milter_mail_macros}. */
    MAIL(2, Smfic.MAIL, List.of("i", "{auth_type}", "{auth_authen}", "{auth_author}", "{mail_addr}", "{mail_host}",
            "{mail_mailer}")),
    /** Before SMFIC_RCPT (SMFIM_ENVRCPT); Postfix's {@code milter_rcpt_macros}. */
    RCPT(3, Smfic.RCPT, List.of("i", "{rcpt_addr}", "{rcpt_host}", "{rcpt_mailer}")),
    /** Before SMFIC_DATA (SMFIM_DATA); Postfix's {@code milter_data_macros}. */
    DATA(4, Smfic.DATA, List.of("i")),
    /** Before SMFIC_BODY and SMFIC_BODYEOB (SMFIM_EOM); Postfix's {@code milter_end_of_data_macros}. */
    END_OF_MESSAGE(5, Smfic.BODYEOB, List.of("i")),
    /** Before SMFIC_HEADER and SMFIC_EOH (SMFIM_EOH); Postfix's {@code milter_end_of_header_macros}. */
    END_OF_HEADERS(6, Smfic.EOH, List.of("i")),
    /** Before SMFIC_UNKNOWN; no SMFIM number; Postfix's {@code milter_unknown_command_macros} (empty). */
    UNKNOWN(-1, Smfic.UNKNOWN, List.of());

    private final int smfim;
    private final Smfic event;
    private final List<String> postfixDefaults;

    MacroStage(int smfim, Smfic event, List<String> postfixDefaults) {
        this.smfim = smfim;
        this.event = event;
        this.postfixDefaults = postfixDefaults;
    }

    /** The SMFIM_* number a filter names this stage by, or -1 when it has none. */
    public int smfim() {
        return smfim;
    }

    /** The event the stage's macros go with. */
    Smfic event() {
        return event;
    }

    /** Postfix's default macro names for this stage. */
    public List<String> postfixDefaults() {
        return postfixDefaults;
    }

    /** The stage a filter names by {@code smfim}, or null for a number the protocol does not define. */
    public static MacroStage ofSmfim(long smfim) {
        for (MacroStage s : values()) {
            if (s.smfim >= 0 && s.smfim == smfim) {
                return s;
            }
        }
        return null;
    }
}
