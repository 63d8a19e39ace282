package dev.pillarbox.smtp.plugins.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a session stands in the RFC 5321 command sequence (4.1.4). The dispatcher checks a handler's
 * {@link CommandHandler#acceptedPhases()} before it runs and answers {@code 503 5.5.1} otherwise, so no
 * handler starts with "was HELO sent?".
 */
public enum Phase {
    /** Connected and greeted with 220, no HELO/EHLO yet. */
    CONNECTED,
    /** After HELO/EHLO (or RSET), no transaction open. */
    GREETED,
    /** After an accepted MAIL FROM, no recipient yet. */
    IN_MAIL,
    /** At least one recipient accepted. */
    HAS_RCPT;

    /** Every phase: for verbs valid at any time (NOOP, QUIT, RSET, HELP). */
    public static final Set<Phase> ANY = Collections.unmodifiableSet(EnumSet.allOf(Phase.class));
    /** After HELO/EHLO with or without a transaction: MAIL's predecessor check is GREETED only. */
    public static final Set<Phase> AFTER_HELO = Collections.unmodifiableSet(EnumSet.of(GREETED, IN_MAIL, HAS_RCPT));
}
