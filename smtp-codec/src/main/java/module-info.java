/**
 * A pure SMTP line codec, client side and server side: command lines, replies, dot-stuffing and the body's end,
 * with no sockets and no threads. Usable alone: a program that {@code requires dev.pillarbox.smtp.codec} gets the
 * core vocabulary with it.
 */
module dev.pillarbox.smtp.codec {
    requires transitive dev.pillarbox.smtp.core;

    exports dev.pillarbox.smtp.codec;
}
