package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Verb;
import java.util.OptionalLong;

/** The MAIL and RCPT commands of an envelope, with the parameters the server's capabilities allow. */
final class Commands {

    static final Command RSET = new Command(Verb.RSET, "");
    static final Command DATA = new Command(Verb.DATA, "");
    static final Command QUIT = new Command(Verb.QUIT, "");
    static final Command NOOP = new Command(Verb.NOOP, "");

    private Commands() {
    }

    /**
     * MAIL FROM with SIZE (when offered and the size is known), BODY, SMTPUTF8, and RET and ENVID (when DSN is
     * offered; RFC 3461 5.2 lets a client that cannot pass them on leave them out).
     */
    static Command mail(Envelope envelope, OptionalLong size, Capabilities capabilities) {
        StringBuilder sb = new StringBuilder("FROM:").append(envelope.reversePath());
        if (size.isPresent() && capabilities.size()) {
            sb.append(" SIZE=").append(size.getAsLong());
        }
        if (envelope.bodyType().parameter() != null) {
            sb.append(" BODY=").append(envelope.bodyType().parameter());
        }
        if (envelope.smtpUtf8()) {
            sb.append(" SMTPUTF8");
        }
        if (capabilities.dsn() && envelope.dsnReturn().isPresent()) {
            sb.append(" RET=").append(envelope.dsnReturn().get().name());
        }
        if (capabilities.dsn() && envelope.envelopeId().isPresent()) {
            sb.append(" ENVID=").append(Xtext.encode(envelope.envelopeId().get()));
        }
        return new Command(Verb.MAIL, sb.toString());
    }

    /** RCPT TO with NOTIFY and ORCPT when DSN is offered. */
    static Command rcpt(Recipient recipient, Capabilities capabilities) {
        StringBuilder sb = new StringBuilder("TO:").append(recipient.forwardPath());
        if (capabilities.dsn()) {
            if (!recipient.notifyOn().isEmpty()) {
                sb.append(" NOTIFY=");
                String sep = "";
                for (DsnNotify n : recipient.notifyOn()) {
                    sb.append(sep).append(n.name());
                    sep = ",";
                }
            }
            if (recipient.originalRecipient().isPresent()) {
                sb.append(" ORCPT=").append(Xtext.originalRecipient(recipient.originalRecipient().get()));
            }
        }
        return new Command(Verb.RCPT, sb.toString());
    }

    /** {@code BDAT <size>} or {@code BDAT <size> LAST} (RFC 3030 2). */
    static Command bdat(long size, boolean last) {
        return new Command(Verb.BDAT, last ? size + " LAST" : Long.toString(size));
    }

    /**
     * Checks, before anything is sent, that the server can take this message: the extensions the envelope needs
     * are offered and the size is within SIZE's limit.
     */
    static void checkSendable(Envelope envelope, OptionalLong size, Capabilities capabilities)
            throws ExtensionNotOfferedException, MessageTooLargeException {
        if (envelope.smtpUtf8() && !capabilities.smtpUtf8()) {
            throw new ExtensionNotOfferedException("the envelope needs SMTPUTF8 (" + envelope
                    + ") but the server does not offer it (RFC 6531 3.4); nothing was sent");
        }
        if (envelope.bodyType() == BodyType.EIGHT_BIT_MIME && !capabilities.eightBitMime()) {
            throw new ExtensionNotOfferedException("BODY=8BITMIME needs the server's 8BITMIME, which it does not"
                    + " offer (RFC 6152 3); nothing was sent");
        }
        if (envelope.bodyType() == BodyType.BINARY_MIME && !(capabilities.binaryMime() && capabilities.chunking())) {
            throw new ExtensionNotOfferedException("BODY=BINARYMIME needs the server's BINARYMIME and CHUNKING"
                    + " (RFC 3030 3); it offers " + (capabilities.binaryMime() ? "BINARYMIME only"
                    : capabilities.chunking() ? "CHUNKING only" : "neither") + "; nothing was sent");
        }
        if (size.isPresent() && capabilities.sizeLimit().isPresent()
                && size.getAsLong() > capabilities.sizeLimit().getAsLong()) {
            throw new MessageTooLargeException(size.getAsLong(), capabilities.sizeLimit().getAsLong());
        }
    }
}
