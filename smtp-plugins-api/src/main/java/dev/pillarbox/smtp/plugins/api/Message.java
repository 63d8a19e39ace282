package dev.pillarbox.smtp.plugins.api;

import java.io.IOException;
import java.io.InputStream;

/** A received message as message hooks see it: its envelope and its content as stored. */
public interface Message {

    /** The envelope the message arrived with. */
    Envelope envelope();

    /** Octets of content, including the trace header the server prepended. */
    long size();

    /**
     * Opens the content from the start: the server's {@code Received:} header, then the body exactly as
     * received (dot-unstuffed). Each call returns a new stream; close it.
     */
    InputStream openContent() throws IOException;
}
