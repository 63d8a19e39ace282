package dev.pillarbox.smtp.client;

/**
 * The message needs an extension the server did not offer: SMTPUTF8 for a non-ASCII address, 8BITMIME for
 * {@code BODY=8BITMIME}, BINARYMIME and CHUNKING for {@code BODY=BINARYMIME}. Nothing was sent; the connection is
 * still usable.
 */
public final class ExtensionNotOfferedException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    ExtensionNotOfferedException(String message) {
        super(message);
    }
}
