package dev.pillarbox.smtp.plugins.api;

import java.io.IOException;

/**
 * Where accepted messages go (Maildir in the reference server, a discard store for benchmarks). The server
 * opens a {@link MessageWriter} when a body starts, streams the body into it, runs the message hooks, and
 * commits it before it answers 250: a 250 means {@link MessageWriter#commit()} returned.
 */
public interface MessageStore {

    /**
     * Starts a message for {@code envelope}.
     *
     * @throws IOException if the store cannot take a message now (answered {@code 451 4.3.0})
     */
    MessageWriter open(SessionView session, Envelope envelope) throws IOException;
}
