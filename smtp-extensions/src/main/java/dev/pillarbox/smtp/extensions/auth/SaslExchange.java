package dev.pillarbox.smtp.extensions.auth;

/** The server side of one SASL exchange, made for one AUTH command and used by that session's thread only. */
interface SaslExchange {

    /** The first challenge, when the client sent no initial response. */
    SaslStep start();

    /** Handles the client's next (base64-decoded) response. */
    SaslStep respond(byte[] response);
}
