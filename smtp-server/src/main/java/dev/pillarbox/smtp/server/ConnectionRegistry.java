package dev.pillarbox.smtp.server;

import java.net.InetAddress;

/** What a connection tells the server it belongs to, and asks it: the connection's only way back to the server. */
interface ConnectionRegistry {

    /** True once the server is shutting down: a connection waiting idle for a command then ends with 421. */
    boolean isShuttingDown();

    /** The connection ended; {@code client} is the peer the connection limits counted. */
    void closed(SmtpConnection connection, InetAddress client);
}
