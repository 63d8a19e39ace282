package dev.pillarbox.smtp.extensions.auth;

import java.util.Objects;

/**
 * What a SASL exchange does next: send a challenge, succeed (possibly with final server data, as SCRAM's server
 * signature), fail, or fail temporarily because the authenticator could not answer.
 */
final class SaslStep {

    /** The kinds of step. */
    enum Kind { CHALLENGE, SUCCESS, FAILURE, TEMPORARY_FAILURE }

    private static final SaslStep FAILURE = new SaslStep(Kind.FAILURE, null, null);
    private static final SaslStep TEMPORARY_FAILURE = new SaslStep(Kind.TEMPORARY_FAILURE, null, null);

    private final Kind kind;
    private final byte[] data;
    private final String identity;

    private SaslStep(Kind kind, byte[] data, String identity) {
        this.kind = kind;
        this.data = data;
        this.identity = identity;
    }

    static SaslStep challenge(byte[] data) {
        return new SaslStep(Kind.CHALLENGE, Objects.requireNonNull(data, "data"), null);
    }

    /** Success; {@code finalData} is sent as one more challenge that the client answers empty, or null. */
    static SaslStep success(String identity, byte[] finalData) {
        return new SaslStep(Kind.SUCCESS, finalData, Objects.requireNonNull(identity, "identity"));
    }

    static SaslStep failure() {
        return FAILURE;
    }

    static SaslStep temporaryFailure() {
        return TEMPORARY_FAILURE;
    }

    Kind kind() {
        return kind;
    }

    /** The challenge, or the final data of a success (null if none). */
    byte[] data() {
        return data;
    }

    /** The authenticated identity of a success. */
    String identity() {
        return identity;
    }
}
