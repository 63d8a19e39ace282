package dev.pillarbox.smtp.client;

/**
 * The message is larger than the fixed maximum the server declared with SIZE (RFC 1870 4), so the client did not
 * send it. Nothing was sent; the connection is still usable.
 */
public final class MessageTooLargeException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    MessageTooLargeException(long size, long limit) {
        super("message of " + size + " octets exceeds the server's SIZE limit of " + limit
                + " octets (RFC 1870); nothing was sent");
        this.size = size;
        this.limit = limit;
    }

    /** The message size. */
    public long size() {
        return size;
    }

    /** The server's limit. */
    public long limit() {
        return limit;
    }
}
