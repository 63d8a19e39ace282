package dev.pillarbox.smtp.milter;

import dev.pillarbox.smtp.core.Reply;

/**
 * The SMTP replies the milter client puts in a {@link Decision} when the filter gives none of its own: Postfix's
 * wordings ({@code milter8.c}, {@code smtpd.c}), so that a client sees what it would see from Postfix.
 */
public final class MilterReplies {

    /** SMFIR_REJECT without a reply of the filter's own. */
    public static final Reply REJECT = Reply.of(550, "5.7.1", "Command rejected");

    /** SMFIR_TEMPFAIL without a reply of the filter's own. */
    public static final Reply TEMPFAIL = Reply.of(451, "4.7.1", "Service unavailable - try again later");

    /** SMFIR_SHUTDOWN or SMFIR_CONN_FAIL: the client is told, then disconnected. */
    public static final Reply SHUTDOWN = Reply.of(421, "4.7.0", "Server closing connection");

    /** A filter failed and its default action is {@link DefaultAction#TEMPFAIL}. */
    public static final Reply FILTER_UNAVAILABLE_TEMPFAIL = Reply.of(451, "4.7.1",
            "Service unavailable - try again later");

    /** A filter failed and its default action is {@link DefaultAction#REJECT}. */
    public static final Reply FILTER_UNAVAILABLE_REJECT = Reply.of(550, "5.5.0", "Service unavailable");

    private MilterReplies() {
    }
}
