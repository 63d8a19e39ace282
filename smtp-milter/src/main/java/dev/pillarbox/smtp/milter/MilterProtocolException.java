package dev.pillarbox.smtp.milter;

/**
 * A filter broke the milter protocol: a bad packet length, a reply it may not send at this stage or did not
 * negotiate, a malformed SMTP reply or header. The message says what, in the protocol's words; a session turns it
 * into {@link Decision.Failed}.
 */
public final class MilterProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    public MilterProtocolException(String message) {
        super(message);
    }
}
