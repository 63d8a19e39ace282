package dev.pillarbox.smtp.client;

/**
 * Receives the dialogue line by line as it happens, e.g. to print it ({@code C:} and {@code S:} lines, the swaks
 * habit) or to log it. Called on the thread using the client; must not block for long.
 *
 * <p>Secrets never reach it: AUTH arguments and SASL responses are shown as {@code <redacted>}. Message content is
 * not shown line by line; one summary line says how many octets were sent.
 */
@FunctionalInterface
public interface Transcript {

    /** Who sent a line. */
    enum Direction {
        /** The client (a command, or a summary of the message data sent). */
        CLIENT,
        /** The server (one line of a reply). */
        SERVER,
        /** Neither: a note from the client, e.g. "TLS handshake done: TLSv1.3". */
        NOTE
    }

    /** One line, without CRLF. */
    void line(Direction direction, String line);
}
