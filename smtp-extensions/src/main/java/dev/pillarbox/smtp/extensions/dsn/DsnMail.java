package dev.pillarbox.smtp.extensions.dsn;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.extensions.Extensions;
import dev.pillarbox.smtp.extensions.Xtext;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The DSN parameters of MAIL FROM (RFC 3461 4.3, 4.4), decoded: what a message hook that sends delivery status
 * notifications needs from the envelope. Read it with {@link #of(Envelope)}.
 *
 * @param ret how much of the message a failure DSN returns; empty when the client did not say
 * @param envelopeId the client's envelope identifier, xtext-decoded; empty when not given
 */
public record DsnMail(Optional<Ret> ret, Optional<String> envelopeId) {

    static final String RET = "RET";
    static final String ENVID = "ENVID";
    // RFC 3461 4.4: "the ENVID ... MUST NOT contain more than 100 characters"
    static final int MAX_ENVID = 100;

    /** RET values (RFC 3461 4.3). */
    public enum Ret {
        /** Return the full message. */
        FULL,
        /** Return only the headers. */
        HDRS
    }

    /** Validates the components. */
    public DsnMail {
        Objects.requireNonNull(ret, "ret");
        Objects.requireNonNull(envelopeId, "envelopeId");
    }

    /** The DSN parameters of {@code envelope}'s MAIL FROM; the server accepted only valid ones. */
    public static DsnMail of(Envelope envelope) {
        return parse(envelope.mailParameters());
    }

    /**
     * Parses RET and ENVID from MAIL FROM parameters.
     *
     * @throws DsnParameterException naming the parameter and the reason
     */
    public static DsnMail parse(EsmtpParameters parameters) {
        Optional<Ret> ret = Extensions.value(parameters, RET).map(DsnMail::ret);
        Optional<String> envid = Extensions.value(parameters, ENVID).map(DsnMail::envid);
        return new DsnMail(ret, envid);
    }

    private static Ret ret(String value) {
        switch (value.toUpperCase(Locale.ROOT)) {
            case "FULL":
                return Ret.FULL;
            case "HDRS":
                return Ret.HDRS;
            default:
                throw new DsnParameterException(RET, "use FULL or HDRS");
        }
    }

    private static String envid(String value) {
        if (value.isEmpty()) {
            throw new DsnParameterException(ENVID, "a value is required");
        }
        if (value.length() > MAX_ENVID) {
            throw new DsnParameterException(ENVID, "longer than " + MAX_ENVID + " characters");
        }
        try {
            return Xtext.decode(value);
        } catch (IllegalArgumentException e) {
            throw new DsnParameterException(ENVID, e.getMessage());
        }
    }
}
