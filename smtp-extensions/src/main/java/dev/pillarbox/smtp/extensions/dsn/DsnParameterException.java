package dev.pillarbox.smtp.extensions.dsn;

/** A DSN parameter (RFC 3461 4) whose value is invalid: names the parameter and says why. */
public final class DsnParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String reason;

    /** A failure of {@code parameter} (e.g. {@code NOTIFY}) because of {@code reason}. */
    public DsnParameterException(String parameter, String reason) {
        super(parameter + ": " + reason);
        this.parameter = parameter;
        this.reason = reason;
    }

    /** The parameter keyword, e.g. {@code NOTIFY}. */
    public String parameter() {
        return parameter;
    }

    /** Why the value is invalid, e.g. {@code NEVER cannot be combined with other values}. */
    public String reason() {
        return reason;
    }
}
