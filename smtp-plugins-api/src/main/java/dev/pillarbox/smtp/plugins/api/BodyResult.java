package dev.pillarbox.smtp.plugins.api;

import java.util.Objects;

/**
 * What the server saw while reading a DATA body or a BDAT chunk.
 *
 * @param octets octets of this body or chunk (after dot-unstuffing for DATA)
 * @param messageOctets octets of the whole message so far (all BDAT chunks of the transaction)
 * @param violation the first violation seen, or {@link Violation#NONE}; after a violation the rest of the
 *     body was drained, not stored
 */
public record BodyResult(long octets, long messageOctets, Violation violation) {

    /** A problem with a body that the server answers after draining it. */
    public enum Violation {
        /** The body was read completely and stored. */
        NONE,
        /** Over the maximum message size: 552 5.3.4. */
        TOO_LARGE,
        /** A bare CR or LF under the strict line-ending policy: 554 5.6.0 (SMTP smuggling defence). */
        BARE_LINE_ENDING,
        /** A text line over the limit under the reject policy: 500 5.5.2. */
        LINE_TOO_LONG,
        /** The message store failed while the body was written: 451 4.3.0. */
        STORE_FAILED
    }

    /** Validates the components. */
    public BodyResult {
        Objects.requireNonNull(violation, "violation");
    }

    /** True when the body was read and stored without a violation. */
    public boolean ok() {
        return violation == Violation.NONE;
    }
}
