package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.codec.ServerDecoder;
import dev.pillarbox.smtp.plugins.api.BodyResult;

/**
 * How much of a message over the size limit a connection reads before it gives up. The rest of an oversized body is
 * read and dropped so that the client gets its {@code 552} in step and may go on, but only up to
 * {@link ServerSettings#oversizeDrain()} past the limit: a client that declared {@code SIZE=100} and streams on
 * would otherwise make the server read whatever it sends. Counted over a DATA body as read from the network (dot
 * stuffing included), and over the BDAT chunks of a transaction as their octets.
 */
final class OversizeDrain {

    private final long cutOff; // octets of one message past which reading stops
    private long dataOctets; // read for the current DATA body

    OversizeDrain(long maxMessageSize, long allowance) {
        this.cutOff = allowance > Long.MAX_VALUE - maxMessageSize ? Long.MAX_VALUE : maxMessageSize + allowance;
    }

    /** A DATA body starts (after 354). */
    void dataStarted() {
        dataOctets = 0;
    }

    /** {@code octets} were read from the network in {@code mode}. */
    void read(ServerDecoder.Mode mode, int octets) {
        if (mode == ServerDecoder.Mode.DATA) {
            dataOctets += octets;
        }
    }

    /** True when the message in {@code mode} is too large and more than the allowance past the limit was read. */
    boolean exhausted(ServerDecoder.Mode mode, MessageTransaction message) {
        if (message.violation() != BodyResult.Violation.TOO_LARGE) {
            return false;
        }
        return (mode == ServerDecoder.Mode.BDAT ? message.octets() : dataOctets) > cutOff;
    }
}
