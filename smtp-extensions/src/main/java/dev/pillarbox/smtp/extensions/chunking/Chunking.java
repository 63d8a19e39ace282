package dev.pillarbox.smtp.extensions.chunking;

import dev.pillarbox.smtp.plugins.api.AttributeKey;
import dev.pillarbox.smtp.plugins.api.Envelope;

/**
 * What CHUNKING (RFC 3030) tells other extensions and hooks: whether the current transaction sends its message with
 * BDAT. The state is an envelope attribute, so RSET, a new MAIL and the end of the message forget it with the
 * envelope.
 */
public final class Chunking {

    /**
     * Set on the envelope by the first BDAT of a transaction, before the DATA hooks run for it: the number of chunks
     * received so far (0 while the DATA hooks decide on the first one).
     */
    public static final AttributeKey<Integer> CHUNKS = AttributeKey.of("chunking.chunks", Integer.class);

    private Chunking() {
    }

    /** True if {@code envelope}'s transaction uses BDAT. */
    public static boolean usesBdat(Envelope envelope) {
        return envelope.attribute(CHUNKS).isPresent();
    }

    /** Chunks of {@code envelope}'s transaction already received and answered. */
    public static int chunksReceived(Envelope envelope) {
        return envelope.attribute(CHUNKS).orElse(0);
    }
}
