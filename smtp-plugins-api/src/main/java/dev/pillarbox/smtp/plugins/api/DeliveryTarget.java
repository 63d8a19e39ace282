package dev.pillarbox.smtp.plugins.api;

import java.io.IOException;

/**
 * Where accepted messages go: a directory, a queue, an HTTP endpoint. A plugin provides one under a name with
 * {@link SmtpBinder#deliveryTarget}; the server's configuration picks one or several by name, each required or
 * optional.
 *
 * <p>For each message the server {@linkplain #open opens} a {@link MessageWriter} on every picked target when the
 * body starts, streams the body into all of them, runs the message hooks, then {@linkplain MessageWriter#commit()
 * commits} the required targets in the configured order: the client gets {@code 250} only once every required
 * target committed. If one fails, the others are {@linkplain MessageWriter#abort() aborted} and the client gets
 * {@code 451 4.3.0} (a required target that committed before keeps its copy: RFC 5321 6.1 prefers a duplicate to a
 * loss). Optional targets are committed after the reply was sent; their failures are logged and counted, never
 * answered.
 *
 * <p>Implementations are shared by all sessions and must be thread-safe; a writer is used by one thread at a time.
 */
public interface DeliveryTarget {

    /**
     * Starts a message for {@code envelope}.
     *
     * @throws IOException if the target cannot take a message now (for a required target: {@code 451 4.3.0})
     */
    MessageWriter open(SessionView session, Envelope envelope) throws IOException;

    /**
     * Whether the target can take messages now (a directory is writable, a queue is connected): the server's
     * readiness probe asks every required target. Must be cheap and must not block for long. True by default.
     */
    default boolean ready() {
        return true;
    }
}
