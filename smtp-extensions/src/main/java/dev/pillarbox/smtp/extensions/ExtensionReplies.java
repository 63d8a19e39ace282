package dev.pillarbox.smtp.extensions;

import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;

/**
 * Reply wordings of the ESMTP extensions that the shared {@link Replies} catalogue does not have. The client's own
 * text is never echoed back.
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
}
